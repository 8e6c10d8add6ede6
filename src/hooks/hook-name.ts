import { StringRules } from '../common/validation';

/** Hook names: 1–64 letters, digits, _ and -. */
export const HOOK_NAME_RULES: StringRules = {
  minLength: 1, maxLength: 64, pattern: /^[a-zA-Z0-9_-]+$/, patternDescription: 'letters, digits, _ and -',
};
