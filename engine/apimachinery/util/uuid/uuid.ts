// Mirrors k8s.io/apimachinery/pkg/util/uuid/uuid.go: random (v4) UIDs for new objects, via Web Crypto.

/** newUUID returns a random RFC 4122 version 4 UUID string. */
export function newUUID(): string {
  return crypto.randomUUID();
}
