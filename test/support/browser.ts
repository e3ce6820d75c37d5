// Debian's Chromium, driven by playwright-core (scripts/install-test-tools.sh installs it; nothing
// is downloaded). The flags keep it off a network this machine does not have.
import { existsSync } from 'node:fs';

import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = process.env.IPHUB_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const chromiumPresent = (): boolean => existsSync(CHROMIUM);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}
