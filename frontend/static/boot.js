// Starts the app; a file rather than an inline script, so the content security policy can
// forbid inline scripts.
import init from "/pkg/dropit_web.js";
init({ module_or_path: "/pkg/dropit_web_bg.wasm" });
