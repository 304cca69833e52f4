kubectl scale rc nginx --replicas=3
