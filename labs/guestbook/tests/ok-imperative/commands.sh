#!/bin/sh
# The guestbook built with imperative commands: Deployments instead of RCs, other names.
kubectl create deployment redis-master --image=kubelab/redis:7
kubectl create service clusterip redis-master --tcp=6379:6379
kubectl create deployment redis-slave --image=kubelab/redis-slave --replicas=2
kubectl create service clusterip redis-slave --tcp=6379:6379
kubectl create deployment guestbook-web --image=kubeguide/guestbook-php-frontend \
  --replicas=3
kubectl create service nodeport guestbook-web --tcp=80:80 --node-port=30001
