// The table of kubectl's commands, in the order `kubectl --help` groups them.
import type { Command } from './util/command.js';
import { getCommand } from './get.js';
import { createCommand } from './create.js';
import { applyCommand } from './apply.js';
import { replaceCommand } from './replace.js';
import { deleteCommand } from './delete.js';
import { patchCommand } from './patch.js';
import { annotateCommand, labelCommand } from './label.js';
import { scaleCommand } from './scale.js';
import { exposeCommand } from './expose.js';
import { runCommand } from './run.js';
import { editCommand } from './edit.js';
import { describeCommand } from './describe.js';
import { versionCommand } from './version.js';
import { apiResourcesCommand, apiVersionsCommand } from './api-resources.js';
import { clusterInfoCommand } from './cluster-info.js';
import { configCommand } from './config.js';
import { rolloutCommand } from './rollout.js';
import { explainCommand } from './explain.js';
import { rollingUpdateCommand } from './rolling-update.js';
import { cordonCommand, drainCommand, uncordonCommand } from './drain.js';
import { taintCommand } from './taint.js';
import { logsCommand } from './logs.js';
import { execCommand } from './exec.js';
import { attachCommand } from './attach.js';
import { portForwardCommand } from './port-forward.js';
import { proxyCommand } from './proxy.js';
import { autoscaleCommand } from './autoscale.js';
import { setCommand } from './set/set.js';
import { topCommand } from './top.js';

export const commands: Command[] = [
  createCommand,
  exposeCommand,
  runCommand,
  setCommand,
  getCommand,
  explainCommand,
  editCommand,
  deleteCommand,
  rolloutCommand,
  rollingUpdateCommand,
  scaleCommand,
  autoscaleCommand,
  clusterInfoCommand,
  topCommand,
  cordonCommand,
  uncordonCommand,
  drainCommand,
  taintCommand,
  describeCommand,
  logsCommand,
  attachCommand,
  execCommand,
  portForwardCommand,
  proxyCommand,
  applyCommand,
  patchCommand,
  replaceCommand,
  labelCommand,
  annotateCommand,
  apiResourcesCommand,
  apiVersionsCommand,
  configCommand,
  versionCommand,
];
