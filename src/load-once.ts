/**
 * Memoises an asynchronous load (typically a dynamic `import()`): every caller shares one attempt, and a failed
 * attempt is forgotten so that the next call tries again (a flaky network must not break the widget for the visit).
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    if (!pending) {
      const attempt = load();
      pending = attempt;
      attempt.catch(() => {
        if (pending === attempt) pending = undefined;
      });
    }
    return pending;
  };
}
