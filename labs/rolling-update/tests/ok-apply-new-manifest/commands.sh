kubectl rollout status deployment/nginx && kubectl apply -f v2/nginx-deployment.yaml
kubectl rollout status deployment/nginx
