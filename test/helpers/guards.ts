/** Fails the current test if anything left an unhandled promise rejection or threw into the page. */
export function guardPage() {
  const problems: string[] = [];
  const onRejection = (event: PromiseRejectionEvent) => problems.push(`unhandled rejection: ${String(event.reason)}`);
  const onError = (event: ErrorEvent) => problems.push(`uncaught error: ${event.message}`);
  return {
    start() {
      problems.length = 0;
      window.addEventListener('unhandledrejection', onRejection);
      window.addEventListener('error', onError);
    },
    /** Waits a tick so late rejections surface, then throws if any happened. */
    async stop() {
      await new Promise((resolve) => setTimeout(resolve, 20));
      window.removeEventListener('unhandledrejection', onRejection);
      window.removeEventListener('error', onError);
      if (problems.length) throw new Error(problems.join('\n'));
    },
  };
}
