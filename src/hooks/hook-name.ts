/** Hook names: 1–64 letters, digits, _ and -. */
export const HOOK_NAME_PATTERN = /^[a-zA-Z0-9_-]+$/;
