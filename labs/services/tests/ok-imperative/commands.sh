kubectl expose rc webapp --port=8080 --target-port=80 --name=internal
kubectl create service nodeport webapp --tcp=8080:80 --node-port=30080
