// Request bodies kubectl v1.32 sends with Content-Type application/vnd.kubernetes.protobuf, beside the JSON
// the same command prints with --dry-run=client -o json (encoding/json of the same Go object).

export interface KubectlBody {
  command: string;
  /** body is the request body, base64. */
  body: string;
  json: unknown;
}

export const kubectlBodies: KubectlBody[] = [
  {
    command: "kubectl create deployment web --image=nginx:1.27 --replicas=2",
    body: "azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50ErABCh8KA3dlYhIAGgAiACoAMgA4AEIAWgoKA2FwcBIDd2ViEn8IAhIMCgoKA2FwcBIDd2ViGmUKHAoAEgAaACIAKgAyADgAQgBaCgoDYXBwEgN3ZWISRRInCgVuZ2lueBIKbmdpbng6MS4yNyoAQgBqAHIAgAEAiAEAkAEAogEAGgAyAEIASgBSAFgAYABoAIIBAIoBAJoBAMIBACICCgAoADgAGgwIABAAGAAgACgAOAAaACIA",
    json: {"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web","creationTimestamp":null,"labels":{"app":"web"}},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx:1.27","resources":{}}]}},"strategy":{}},"status":{}},
  },
  {
    command: "kubectl create namespace team-a",
    body: "azhzAAoPCgJ2MRIJTmFtZXNwYWNlEh4KFgoGdGVhbS1hEgAaACIAKgAyADgAQgASABoCCgAaACIA",
    json: {"kind":"Namespace","apiVersion":"v1","metadata":{"name":"team-a","creationTimestamp":null},"spec":{},"status":{}},
  },
  {
    command: "kubectl create configmap app-config --from-literal=color=blue --from-literal=size=L",
    body: "azhzAAoPCgJ2MRIJQ29uZmlnTWFwEjYKGgoKYXBwLWNvbmZpZxIAGgAiACoAMgA4AEIAEg0KBWNvbG9yEgRibHVlEgkKBHNpemUSAUwaACIA",
    json: {"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"app-config","creationTimestamp":null},"data":{"color":"blue","size":"L"}},
  },
  {
    command: "kubectl create secret generic db-pass --from-literal=password=s3cr3t!",
    body: "azhzAAoMCgJ2MRIGU2VjcmV0EjAKFwoHZGItcGFzcxIAGgAiACoAMgA4AEIAEhMKCHBhc3N3b3JkEgdzM2NyM3QhGgAaACIA",
    json: {"kind":"Secret","apiVersion":"v1","metadata":{"name":"db-pass","creationTimestamp":null},"data":{"password":"czNjcjN0IQ=="}},
  },
  {
    command: "kubectl create service nodeport web --tcp=80:8080",
    body: "azhzAAoNCgJ2MRIHU2VydmljZRJoCh8KA3dlYhIAGgAiACoAMgA4AEIAWgoKA2FwcBIDd2ViEkEKGwoHODAtODA4MBIDVENQGFAiBwgAEJA/GgAoABIKCgNhcHASA3dlYhoAIghOb2RlUG9ydDoAQgBSAFoAYABoABoCCgAaACIA",
    json: {"kind":"Service","apiVersion":"v1","metadata":{"name":"web","creationTimestamp":null,"labels":{"app":"web"}},"spec":{"ports":[{"name":"80-8080","protocol":"TCP","port":80,"targetPort":8080}],"selector":{"app":"web"},"type":"NodePort"},"status":{"loadBalancer":{}}},
  },
  {
    command: "kubectl create job once --image=busybox -- echo hi",
    body: "azhzAAoPCghiYXRjaC92MRIDSm9iEogBChQKBG9uY2USABoAIgAqADIAOABCABJmMmQKEAoAEgAaACIAKgAyADgAQgASUBItCgRvbmNlEgdidXN5Ym94GgRlY2hvGgJoaSoAQgBqAHIAgAEAiAEAkAEAogEAGgVOZXZlcjIAQgBKAFIAWABgAGgAggEAigEAmgEAwgEAGgggACgAMAA6ABoAIgA=",
    json: {"kind":"Job","apiVersion":"batch/v1","metadata":{"name":"once","creationTimestamp":null},"spec":{"template":{"metadata":{"creationTimestamp":null},"spec":{"containers":[{"name":"once","image":"busybox","command":["echo","hi"],"resources":{}}],"restartPolicy":"Never"}}},"status":{}},
  },
  {
    command: "kubectl create cronjob tick --image=busybox --schedule=\"*/5 * * * *\" -- date",
    body: "azhzAAoTCghiYXRjaC92MRIHQ3JvbkpvYhKqAQoUCgR0aWNrEgAaACIAKgAyADgAQgASjwEKCyovNSAqICogKiAqGgAqfgoUCgR0aWNrEgAaACIAKgAyADgAQgASZjJkChAKABIAGgAiACoAMgA4AEIAElASKQoEdGljaxIHYnVzeWJveBoEZGF0ZSoAQgBqAHIAgAEAiAEAkAEAogEAGglPbkZhaWx1cmUyAEIASgBSAFgAYABoAIIBAIoBAJoBAMIBABoAGgAiAA==",
    json: {"kind":"CronJob","apiVersion":"batch/v1","metadata":{"name":"tick","creationTimestamp":null},"spec":{"schedule":"*/5 * * * *","jobTemplate":{"metadata":{"name":"tick","creationTimestamp":null},"spec":{"template":{"metadata":{"creationTimestamp":null},"spec":{"containers":[{"name":"tick","image":"busybox","command":["date"],"resources":{}}],"restartPolicy":"OnFailure"}}}}},"status":{}},
  },
  {
    command: "kubectl create quota q1 --hard=pods=10,cpu=4,memory=8Gi",
    body: "azhzAAoTCgJ2MRINUmVzb3VyY2VRdW90YRJDChIKAnExEgAaACIAKgAyADgAQgASKwoKCgNjcHUSAwoBNAoPCgZtZW1vcnkSBQoDOEdpCgwKBHBvZHMSBAoCMTAaABoAIgA=",
    json: {"kind":"ResourceQuota","apiVersion":"v1","metadata":{"name":"q1","creationTimestamp":null},"spec":{"hard":{"cpu":"4","memory":"8Gi","pods":"10"}},"status":{}},
  },
  {
    command: "kubectl create serviceaccount bot",
    body: "azhzAAoUCgJ2MRIOU2VydmljZUFjY291bnQSFQoTCgNib3QSABoAIgAqADIAOABCABoAIgA=",
    json: {"kind":"ServiceAccount","apiVersion":"v1","metadata":{"name":"bot","creationTimestamp":null}},
  },
  {
    command: "kubectl create deployment api --image=nginx:1.27 --port=8080 -- /bin/sh -c \"echo hi\"",
    body: "azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50EtUBCh8KA2FwaRIAGgAiACoAMgA4AEIAWgoKA2FwcBIDYXBpEqMBCAESDAoKCgNhcHASA2FwaRqIAQocCgASABoAIgAqADIAOABCAFoKCgNhcHASA2FwaRJoEkoKBW5naW54EgpuZ2lueDoxLjI3GgcvYmluL3NoGgItYxoHZWNobyBoaSoAMgsKABAAGJA/IgAqAEIAagByAIABAIgBAJABAKIBABoAMgBCAEoAUgBYAGAAaACCAQCKAQCaAQDCAQAiAgoAKAA4ABoMCAAQABgAIAAoADgAGgAiAA==",
    json: {"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"api","creationTimestamp":null,"labels":{"app":"api"}},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"api"}},"template":{"metadata":{"creationTimestamp":null,"labels":{"app":"api"}},"spec":{"containers":[{"name":"nginx","image":"nginx:1.27","command":["/bin/sh","-c","echo hi"],"ports":[{"containerPort":8080}],"resources":{}}]}},"strategy":{}},"status":{}},
  },
  {
    command: "kubectl create secret docker-registry reg --docker-server=r.example --docker-username=u --docker-password=p",
    body: "azhzAAoMCgJ2MRIGU2VjcmV0EpEBChMKA3JlZxIAGgAiACoAMgA4AEIAEloKES5kb2NrZXJjb25maWdqc29uEkV7ImF1dGhzIjp7InIuZXhhbXBsZSI6eyJ1c2VybmFtZSI6InUiLCJwYXNzd29yZCI6InAiLCJhdXRoIjoiZFRwdyJ9fX0aHmt1YmVybmV0ZXMuaW8vZG9ja2VyY29uZmlnanNvbhoAIgA=",
    json: {"kind":"Secret","apiVersion":"v1","metadata":{"name":"reg","creationTimestamp":null},"data":{".dockerconfigjson":"eyJhdXRocyI6eyJyLmV4YW1wbGUiOnsidXNlcm5hbWUiOiJ1IiwicGFzc3dvcmQiOiJwIiwiYXV0aCI6ImRUcHcifX19"},"type":"kubernetes.io/dockerconfigjson"},
  },
  {
    command: "kubectl create service clusterip multi --tcp=80:8080 --tcp=443:8443",
    body: "azhzAAoNCgJ2MRIHU2VydmljZRKOAQojCgVtdWx0aRIAGgAiACoAMgA4AEIAWgwKA2FwcBIFbXVsdGkSYwobCgc4MC04MDgwEgNUQ1AYUCIHCAAQkD8aACgACh0KCDQ0My04NDQzEgNUQ1AYuwMiBwgAEPtBGgAoABIMCgNhcHASBW11bHRpGgAiCUNsdXN0ZXJJUDoAQgBSAFoAYABoABoCCgAaACIA",
    json: {"kind":"Service","apiVersion":"v1","metadata":{"name":"multi","creationTimestamp":null,"labels":{"app":"multi"}},"spec":{"ports":[{"name":"80-8080","protocol":"TCP","port":80,"targetPort":8080},{"name":"443-8443","protocol":"TCP","port":443,"targetPort":8443}],"selector":{"app":"multi"},"type":"ClusterIP"},"status":{"loadBalancer":{}}},
  },
  {
    command: "kubectl create job from-cron --from=cronjob/tick",
    body: "azhzAAoPCghiYXRjaC92MRIDSm9iEsACCokBCglmcm9tLWNyb24SABoAIgAqADIAOABCAGIrCiFjcm9uam9iLmt1YmVybmV0ZXMuaW8vaW5zdGFudGlhdGUSBm1hbnVhbGpBCgdDcm9uSm9iGgR0aWNrIiQ2MTE1MTY4Mi0wN2YyLTRiMTEtYWRiMC03OWZkNzBhZDNhZDYqCGJhdGNoL3YxMAESpwEypAEKEAoAEgAaACIAKgAyADgAQgASjwESRwoEdGljaxIHYnVzeWJveBoEZGF0ZSoAQgBqFC9kZXYvdGVybWluYXRpb24tbG9ncgZBbHdheXOAAQCIAQCQAQCiAQRGaWxlGglPbkZhaWx1cmUgHjIMQ2x1c3RlckZpcnN0QgBKAFIAWABgAGgAcgCCAQCKAQCaARFkZWZhdWx0LXNjaGVkdWxlcsIBABoIIAAoADAAOgAaACIA",
    json: {"kind":"Job","apiVersion":"batch/v1","metadata":{"name":"from-cron","creationTimestamp":null,"annotations":{"cronjob.kubernetes.io/instantiate":"manual"},"ownerReferences":[{"apiVersion":"batch/v1","kind":"CronJob","name":"tick","uid":"61151682-07f2-4b11-adb0-79fd70ad3ad6","controller":true}]},"spec":{"template":{"metadata":{"creationTimestamp":null},"spec":{"containers":[{"name":"tick","image":"busybox","command":["date"],"resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"Always"}],"restartPolicy":"OnFailure","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","securityContext":{},"schedulerName":"default-scheduler"}}},"status":{}},
  },
];
