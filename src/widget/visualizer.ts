/**
 * The call's visualizer: a calm, branded orb driven by the live levels. The agent's voice swells the
 * core, the visitor's voice widens the halo, and each phase of the call has its own look: connecting breathes,
 * reconnecting blinks amber, speaking and listening ripple. Stylesheet rules only: levels arrive as `data-*` steps
 * that rules turn into transforms (no inline styles, which a strict CSP blocks; no canvas), and everything holds
 * still under `prefers-reduced-motion`.
 */
import { css, html, unsafeCSS } from 'lit';
import type { WidgetStatus } from '../state/widget-stores.js';

/** Resolution of the orb: one rule per step and level. */
const STEPS = 8;
/** A level above this step counts as someone speaking. */
const SPEAKING_STEP = 2;

export type VisualizerMode = 'connecting' | 'reconnecting' | 'speaking' | 'listening' | 'quiet';

export function levelStep(level: number): number {
  const clamped = Number.isFinite(level) ? Math.min(1, Math.max(0, level)) : 0;
  return Math.round(clamped * STEPS);
}

export function visualizerMode(status: WidgetStatus, agentStep: number, visitorStep: number): VisualizerMode {
  if (status === 'connecting' || status === 'resuming' || status === 'ringing') return 'connecting';
  if (status === 'reconnecting') return 'reconnecting';
  if (agentStep >= SPEAKING_STEP && agentStep >= visitorStep) return 'speaking';
  if (visitorStep >= SPEAKING_STEP) return 'listening';
  return 'quiet';
}

export function renderVisualizer(status: WidgetStatus, level: { input: number; output: number }) {
  const agent = levelStep(level.output);
  const visitor = levelStep(level.input);
  return html`<div
    part="visualizer"
    class="visualizer"
    aria-hidden="true"
    data-mode=${visualizerMode(status, agent, visitor)}
    data-agent=${agent}
    data-visitor=${visitor}
  >
    <span class="halo"></span><span class="ripple"></span><span class="core"></span>
  </div>`;
}

const stepRules = unsafeCSS(
  Array.from({ length: STEPS + 1 }, (_, step) =>
    [
      `.visualizer[data-agent='${step}'] .core { transform: scale(${(1 + (step / STEPS) * 0.28).toFixed(3)}); }`,
      `.visualizer[data-visitor='${step}'] .halo { transform: scale(${(1 + (step / STEPS) * 0.45).toFixed(3)}); ` +
        `opacity: ${(0.35 + (step / STEPS) * 0.5).toFixed(2)}; }`,
    ].join('\n'),
  ).join('\n'),
);

export const visualizerStyles = css`
  [part='visualizer'] {
    position: relative;
    display: grid;
    place-items: center;
    height: 112px;
    isolation: isolate;
  }
  .visualizer > span {
    grid-area: 1 / 1;
    border-radius: 50%;
  }
  .visualizer .core {
    width: 64px;
    height: 64px;
    background: radial-gradient(
      circle at 35% 30%,
      color-mix(in srgb, var(--_primary) 35%, #fff),
      var(--_primary) 55%,
      var(--_accent)
    );
    box-shadow: 0 6px 24px color-mix(in srgb, var(--_primary) 45%, transparent);
    transition: transform 120ms ease-out;
  }
  .visualizer .halo {
    width: 64px;
    height: 64px;
    background: color-mix(in srgb, var(--_accent) 30%, transparent);
    transition:
      transform 160ms ease-out,
      opacity 160ms ease-out;
  }
  .visualizer .ripple {
    width: 64px;
    height: 64px;
    border: 2px solid color-mix(in srgb, var(--_primary) 60%, transparent);
    opacity: 0;
  }
  ${stepRules}
  .visualizer[data-mode='connecting'] .core {
    animation: kataven-breathe 1.8s ease-in-out infinite;
    opacity: 0.8;
  }
  .visualizer[data-mode='connecting'] .halo {
    opacity: 0.25;
  }
  .visualizer[data-mode='reconnecting'] .core {
    background: radial-gradient(circle at 35% 30%, #fde68a, #f59e0b 60%, #b45309);
    box-shadow: 0 6px 24px rgb(245 158 11 / 0.4);
    animation: kataven-blink 1.2s ease-in-out infinite;
  }
  .visualizer[data-mode='reconnecting'] .halo {
    background: rgb(245 158 11 / 0.2);
  }
  .visualizer[data-mode='speaking'] .ripple {
    animation: kataven-ripple 1.4s ease-out infinite;
  }
  .visualizer[data-mode='listening'] .halo {
    background: color-mix(in srgb, var(--_text) 14%, transparent);
  }
  @keyframes kataven-breathe {
    50% {
      transform: scale(0.88);
    }
  }
  @keyframes kataven-blink {
    50% {
      opacity: 0.45;
    }
  }
  @keyframes kataven-ripple {
    from {
      transform: scale(1);
      opacity: 0.7;
    }
    to {
      transform: scale(1.9);
      opacity: 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .visualizer > span {
      animation: none !important;
      transition: none !important;
    }
    /* Still: the levels hold their step without easing, and each phase keeps its own colours. */
    .visualizer[data-mode='speaking'] .ripple {
      opacity: 0.5;
      transform: scale(1.5);
    }
  }
`;
