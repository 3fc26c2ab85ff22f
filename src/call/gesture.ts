/**
 * Continuity (docs/protocol.md section 9): whether a call taken over on a freshly loaded page needs the visitor's
 * click first. Without one the browser would ask for the microphone out of nowhere (the permission is not granted for
 * this origin), or could not start the call's audio (autoplay). The answer errs towards no click: where the browser
 * cannot say, the call resumes at once and Twilio reports what goes wrong, as for any call.
 */
export async function gestureNeeded(): Promise<boolean> {
  let microphone: PermissionState = 'granted';
  try {
    microphone = (await navigator.permissions?.query({ name: 'microphone' }))?.state ?? 'granted';
  } catch {
    // Not a permission this browser can query.
  }
  return microphone !== 'granted' || audioBlocked();
}

/** The browser would keep the call's audio from starting without a click on this page. */
function audioBlocked(): boolean {
  // Firefox says so directly; Chromium and Safari start a context suspended when autoplay is not allowed.
  const policy = (navigator as { getAutoplayPolicy?: (type: 'audiocontext') => string }).getAutoplayPolicy;
  if (policy) return policy.call(navigator, 'audiocontext') !== 'allowed';
  if (navigator.userActivation?.hasBeenActive || typeof AudioContext === 'undefined') return false;
  try {
    const context = new AudioContext();
    const suspended = context.state === 'suspended';
    void context.close().catch(() => undefined);
    return suspended;
  } catch {
    return false;
  }
}
