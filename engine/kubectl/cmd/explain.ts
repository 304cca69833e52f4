// Mirrors k8s.io/kubectl/pkg/cmd/explain/explain.go with the OpenAPI v3 renderer: resolves
// TYPE[.FIELD…] (or --api-version), reads /openapi/v3/<group version> and prints it as the
// plaintext template does.
import { parseAPIVersion } from '../../apimachinery/runtime/schema/group-version.js';
import { NoResourceMatchError, openAPIV3Paths, openAPIV3Schema, splitAndParseResourceRequest, splitAndParseResourceRequestWithMatchingPrefix } from '../explain/explain.js';
import { gvrString, renderPlaintext } from '../explain/v2/plaintext.js';
import { bool, str } from './util/flags.js';
import { ExitError } from './util/helpers.js';
import type { Command } from './util/command.js';

export const explainCommand: Command = {
  name: 'explain',
  short: 'Get documentation for a resource',
  flags: [
    { name: 'recursive', kind: 'bool' },
    { name: 'api-version', kind: 'string' },
    { name: 'output', kind: 'string', default: 'plaintext' },
  ],
  async run({ f, io, args, flags }) {
    if (!args.length)
      throw new Error(`You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n`.trimEnd());
    if (args.length > 1) throw new Error('We accept only this format: explain RESOURCE');
    const disco = await f.discovery();
    const client = await f.restClient();
    const apiVersion = str(flags, 'api-version');
    let req;
    try {
      req = apiVersion ? await splitAndParseResourceRequest(args[0]!, disco) : await splitAndParseResourceRequestWithMatchingPrefix(args[0]!, disco);
    } catch (err) {
      if (!(err instanceof NoResourceMatchError)) throw err;
      io.stderr(err.message + '\n');
      throw new ExitError(1);
    }
    const format = str(flags, 'output');
    // plaintext-openapiv2 is the legacy renderer; this kubectl renders both from OpenAPI v3.
    if (format !== 'plaintext' && format !== 'plaintext-openapiv2') throw new Error(`unrecognized format: ${format}`);
    const gvr = { ...req.gvr };
    if (apiVersion) {
      const gv = parseAPIVersion(apiVersion);
      gvr.group = gv.group;
      gvr.version = gv.version;
    }
    let paths;
    try {
      paths = await openAPIV3Paths(client);
    } catch (err) {
      throw new Error(`failed to fetch list of groupVersions: ${err instanceof Error ? err.message : String(err)}`);
    }
    const key = gvr.group ? `apis/${gvr.group}/${gvr.version}` : `api/${gvr.version}`;
    const entry = paths[key];
    if (!entry) throw new Error(`couldn't find resource for "${gvrString(gvr)}"`);
    const doc = await openAPIV3Schema(client, entry.serverRelativeURL);
    const { out, error } = renderPlaintext(doc, gvr, req.fieldPath, bool(flags, 'recursive'));
    io.stdout(out);
    if (error) throw error;
  },
};
