kubectl scale rc nginx --replicas=5
