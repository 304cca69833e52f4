# The pod is applied first and waits for its secret; the secret comes from literals.
kubectl create secret generic db-credentials --from-literal=username=kubelab --from-literal='password=an0ther secret'
