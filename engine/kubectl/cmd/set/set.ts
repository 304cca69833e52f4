// Mirrors k8s.io/kubectl/pkg/cmd/set/set.go: the `kubectl set` group of pod template editors.
import type { Command } from '../util/command.js';
import { setImageCommand } from './set-image.js';

export const setCommand: Command = {
  name: 'set',
  short: 'Set specific features on objects',
  sub: [setImageCommand],
};
