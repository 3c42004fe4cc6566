"use client";

import { useEffect } from "react";

/** Sets data-hydrated on <html> once React has hydrated, so browser tests know when to click. */
export function HydrationMarker() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return null;
}
