// Mirrors go-digest's sha256 algorithm for image digests; the hash itself lives in the shared util module.

export { sha256Hex } from '../../util/sha256.js';
