"use client";

import { FinchConnect, type ErrorEvent, type SuccessEvent } from "@tryfinch/react-connect";
import { useCallback, useEffect, useRef } from "react";
import { watchConnectFrame } from "@/components/connect/connect-frame";

export interface FinchConnectCallbacks {
  onSuccess: (event: SuccessEvent) => void;
  onError: (event: ErrorEvent) => void;
  onClose: () => void;
}

export interface UseFinchConnectOptions extends FinchConnectCallbacks {
  /** Finch Connect's origin; null means this app's own origin (demo mode's emulated Connect). */
  connectUrl: string | null;
}

/**
 * One FinchConnect per page, shared by every component that launches it. FinchConnect listens
 * to window messages globally, so two instances would both answer one success; the component
 * that called open() last receives the callbacks.
 */
interface Shared {
  instance: FinchConnect;
  connectUrl: string;
  users: number;
  active: { current: FinchConnectCallbacks } | null;
}

let shared: Shared | null = null;

function acquire(connectUrl: string): Shared {
  if (shared && shared.connectUrl !== connectUrl) {
    shared.instance.destroy();
    shared = null;
  }
  if (!shared) {
    const created: Shared = {
      connectUrl,
      users: 0,
      active: null,
      instance: FinchConnect.initialize({
        onSuccess: (event) => created.active?.current.onSuccess(event),
        onError: (event) => created.active?.current.onError(event),
        onClose: () => created.active?.current.onClose(),
        apiConfig: { connectUrl },
      }),
    };
    shared = created;
  }
  shared.users += 1;
  return shared;
}

function release(entry: Shared) {
  entry.users -= 1;
  if (entry.users <= 0 && shared === entry) {
    entry.instance.destroy();
    shared = null;
  }
}

/**
 * Our StrictMode-safe replacement for react-connect's own hook (which never fires callbacks
 * when effects run twice): initialise on mount, destroy on the last unmount.
 */
export function useFinchConnect({
  connectUrl,
  onSuccess,
  onError,
  onClose,
}: UseFinchConnectOptions) {
  const callbacks = useRef<FinchConnectCallbacks>({ onSuccess, onError, onClose });
  const entry = useRef<Shared | null>(null);

  useEffect(() => {
    callbacks.current = { onSuccess, onError, onClose };
  });

  useEffect(() => {
    const acquired = acquire(connectUrl ?? window.location.origin);
    entry.current = acquired;
    return () => {
      if (acquired.active === callbacks) acquired.active = null;
      entry.current = null;
      release(acquired);
    };
  }, [connectUrl]);

  const open = useCallback(
    (sessionId: string, options: { state?: string; fallbackFocus?: HTMLElement | null } = {}) => {
      const current = entry.current;
      if (!current) throw new Error("Finch Connect is not ready yet.");
      current.active = callbacks;
      const { state, fallbackFocus } = options;
      current.instance.open({ sessionId, ...(state ? { state } : {}) });
      watchConnectFrame({
        fallbackFocus,
        onEscape: () => {
          current.instance.close();
          current.active?.current.onClose();
        },
      });
    },
    [],
  );

  const close = useCallback(() => entry.current?.instance.close(), []);

  return { open, close };
}
