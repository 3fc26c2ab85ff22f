/**
 * What the launcher shows while a call runs behind a closed panel: a live dot and the elapsed time,
 * read to screen readers as "Call in progress, 1:23 — open". Part of the lazily loaded panel chunk, so the launcher's
 * first load carries none of it; a call is only ever live once this chunk is there.
 */
import { css, html } from 'lit';
import { type WidgetStatus, isLive } from '../state/widget-stores.js';
import type { Strings } from './i18n.js';

export interface LiveLauncher {
  /** The launcher's accessible name while live. */
  label: string;
  content: ReturnType<typeof html>;
}

/** The launcher's live face, or null when no call is live (here, or in another tab of this site). */
export function renderLiveLauncher(t: Strings, elapsedSeconds: number, status: WidgetStatus): LiveLauncher | null {
  if (status === 'elsewhere') {
    return {
      label: t.status.elsewhere,
      content: html`<span class="live-dot elsewhere" aria-hidden="true"></span
        ><span class="live-time" aria-hidden="true">${t.status.elsewhere}</span>`,
    };
  }
  if (!isLive(status)) return null;
  const reconnecting = status === 'reconnecting';
  const time = formatTime(elapsedSeconds);
  return {
    label: t.live(time),
    content: html`<span class="live-dot ${reconnecting ? 'reconnecting' : ''}" aria-hidden="true"></span
      ><span class="live-time" dir="ltr" aria-hidden="true">${time}</span>`,
  };
}

export function formatTime(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export const liveLauncherStyles = css`
  /* The usual face (logo, label) gives way to the live one. */
  [part='launcher']:has(> .live-dot) > :not(.live-dot, .live-time) {
    display: none;
  }
  [part='launcher']:has(> .live-dot) {
    padding-inline: 16px 20px;
    font-variant-numeric: tabular-nums;
  }
  .live-dot {
    width: 12px;
    height: 12px;
    border-radius: 50%;
    background: #22c55e;
    box-shadow: 0 0 0 0 rgb(34 197 94 / 0.6);
    animation: kataven-live-pulse 1.6s ease-out infinite;
  }
  .live-dot.reconnecting {
    background: #f59e0b;
  }
  /* The call is in another tab: a still, grey dot. */
  .live-dot.elsewhere {
    background: #94a3b8;
    animation: none;
  }
  @keyframes kataven-live-pulse {
    to {
      box-shadow: 0 0 0 8px rgb(34 197 94 / 0);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .live-dot {
      animation: none;
    }
  }
`;
