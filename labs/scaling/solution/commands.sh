#!/bin/sh
kubectl scale rc nginx --replicas=5
sleep 10
kubectl get pods -l app=nginx
kubectl scale rc nginx --replicas=3
