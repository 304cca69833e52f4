#!/bin/sh
kubectl rollout status deployment/nginx
kubectl patch deployment nginx -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.11.9"}]}}}}'
kubectl rollout status deployment/nginx
kubectl rollout history deployment/nginx
