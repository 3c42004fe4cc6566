/**
 * What @tryfinch/react-connect 5.0.0 leaves out when it prepends its full-screen iframe to
 * <body>: a title for screen readers, a modal (the page behind is inert, so Tab cannot leave
 * Connect for the console underneath), focus moved into Connect and given back afterwards, and
 * Escape to close when focus is on our page rather than inside the frame.
 */
export const CONNECT_FRAME_ID = "finch-connect-iframe";
export const CONNECT_FRAME_TITLE = "Finch Connect";

export interface WatchConnectFrameOptions {
  /** Escape pressed on the page behind Connect: close it as the user closing Connect. */
  onEscape: () => void;
  /**
   * Where focus goes when Connect closes if the control that launched it is gone (a dialog's
   * button) and nothing else held focus, e.g. the button that opened that dialog.
   */
  fallbackFocus?: HTMLElement | null;
}

function focusedElement(except?: Element): HTMLElement | null {
  const active = document.activeElement;
  return active instanceof HTMLElement && active !== document.body && active !== except
    ? active
    : null;
}

/**
 * Focuses a control now, or, if it is disabled while the page is still busy with Connect's
 * outcome, as soon as it is enabled again, unless the user has put focus somewhere else by then.
 */
function focusWhenEnabled(target: HTMLElement) {
  const attempt = () => {
    if (!target.isConnected) return true;
    if ((target as HTMLButtonElement).disabled) return false;
    if (!focusedElement()) target.focus();
    return true;
  };
  if (attempt()) return;
  const watcher = new MutationObserver(() => {
    if (attempt()) watcher.disconnect();
  });
  watcher.observe(target, { attributes: true, attributeFilter: ["disabled"] });
  setTimeout(() => watcher.disconnect(), 10_000);
}

/** The watch on the open frame; opening Connect again replaces the frame, and so the watch. */
let current: (() => void) | null = null;

/** Call right after FinchConnect.open(); returns a cleanup that is also run when the frame goes. */
export function watchConnectFrame({
  onEscape,
  fallbackFocus,
}: WatchConnectFrameOptions): () => void {
  current?.();
  const frame = document.getElementById(CONNECT_FRAME_ID);
  if (!(frame instanceof HTMLIFrameElement)) return () => undefined;
  frame.title = CONNECT_FRAME_TITLE;

  // Inerting the page blurs whatever had focus, so note it first. By the time the frame has
  // loaded, a dialog that launched Connect has closed and handed focus back to its opener:
  // prefer that, as the place to return to when Connect closes.
  const launcher = focusedElement();
  let returnFocusTo: HTMLElement | null = null;
  let madeInert: HTMLElement[] = [];
  const makeModal = () => {
    returnFocusTo = focusedElement(frame);
    madeInert = Array.from(document.body.children).filter(
      (element): element is HTMLElement =>
        element !== frame && element instanceof HTMLElement && !element.inert,
    );
    for (const element of madeInert) element.inert = true;
    frame.focus();
  };
  frame.addEventListener("load", makeModal, { once: true });

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") onEscape();
  };
  document.addEventListener("keydown", onKeyDown);

  let done = false;
  const cleanup = () => {
    if (done) return;
    done = true;
    if (current === cleanup) current = null;
    observer.disconnect();
    frame.removeEventListener("load", makeModal);
    document.removeEventListener("keydown", onKeyDown);
    for (const element of madeInert) element.inert = false;
    const target = [returnFocusTo, launcher, fallbackFocus].find((el) => el?.isConnected);
    if (target) focusWhenEnabled(target);
  };
  const observer = new MutationObserver(() => {
    if (!frame.isConnected) cleanup();
  });
  observer.observe(document.body, { childList: true });
  current = cleanup;
  return cleanup;
}
