# Then and now: the same exercise with a Deployment.
kubectl create deployment web --image=nginx:1.27 --replicas=2
kubectl rollout status deployment/web
kubectl scale deployment web --replicas=5 && sleep 10
kubectl scale deployment/web --replicas=3
