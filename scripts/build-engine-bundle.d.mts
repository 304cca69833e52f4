// Types of build-engine-bundle.mjs for the TypeScript tests that import it.
import type { FileSystemTree } from '@webcontainer/api';

export declare const commands: string[];
export declare const defaultOutDir: string;
export declare function commandShim(name: string): string;
export declare function buildEngineBundle(options?: { outDir?: string; write?: boolean; minify?: boolean }): Promise<{
  tree: FileSystemTree;
  sizes: Record<string, number>;
  totalBytes: number;
  treeJSONBytes: number;
}>;
