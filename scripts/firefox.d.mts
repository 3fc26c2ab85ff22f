// Types for scripts/firefox.mjs (imported by the TypeScript tests in test/firefox).
import type { LaunchOptions } from 'puppeteer-core';

export declare const FIREFOX_PATH: string;
export declare const FIREFOX_PREFS: Record<string, string | number | boolean>;
export declare function firefoxLaunchOptions(extraPrefs?: Record<string, string | number | boolean>): LaunchOptions;
