import { machineDiagnostics } from '../../src/state/machine.js';

/**
 * Fails the current test if anything left an unhandled promise rejection, threw into the page, or sent the state
 * machine an event its status does not take.
 */
export function guardPage() {
  const problems: string[] = [];
  const onIgnored = machineDiagnostics.onIgnored;
  const onRejection = (event: PromiseRejectionEvent) => problems.push(`unhandled rejection: ${String(event.reason)}`);
  const onError = (event: ErrorEvent) => problems.push(`uncaught error: ${event.message}`);
  return {
    start() {
      problems.length = 0;
      window.addEventListener('unhandledrejection', onRejection);
      window.addEventListener('error', onError);
      machineDiagnostics.onIgnored = (message) => {
        problems.push(message);
        onIgnored(message);
      };
    },
    /** Waits a tick so late rejections surface, then throws if any happened. */
    async stop() {
      await new Promise((resolve) => setTimeout(resolve, 20));
      window.removeEventListener('unhandledrejection', onRejection);
      window.removeEventListener('error', onError);
      machineDiagnostics.onIgnored = onIgnored;
      if (problems.length) throw new Error(problems.join('\n'));
    },
  };
}
