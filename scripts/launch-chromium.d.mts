import type { BrowserContext } from '@playwright/test';

export declare const EXTENSION_DIR: string;
export declare function launchWithExtension(options?: {
  extensionDir?: string;
  headless?: boolean;
  userDataDir?: string;
  mapHosts?: boolean;
  args?: string[];
}): Promise<{ context: BrowserContext; extensionId: string; userDataDir: string }>;
