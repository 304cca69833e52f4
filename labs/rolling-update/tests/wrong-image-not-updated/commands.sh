kubectl rollout status deployment/nginx
