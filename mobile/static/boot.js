// Starts the app and registers the service worker that keeps its shell for offline use; a
// file rather than an inline script, so the content security policy can forbid inline scripts.
import init from "/m/pkg/dropit_mobile.js";

if ("serviceWorker" in navigator) {
  // Registered after the page loaded, so the worker's caching never competes with the first load.
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/m/sw.js", { scope: "/m/" }).catch((error) => {
      console.warn("the offline shell is not available:", error);
    });
  });
}

init({ module_or_path: "/m/pkg/dropit_mobile_bg.wasm" });
