// Endpoint names, version numbers and the keep-mode promotion id, shared by the constructs, the
// custom-resource handlers and the CLI. No runtime imports: the handler and CLI bundles include this file.
import type { StringRules } from './validation';

/**
 * The endpoint every harness has, which always serves the latest version and cannot be
 * created, pointed or deleted by the library.
 */
export const DEFAULT_ENDPOINT_NAME = 'DEFAULT';

/** Whether `name` is the DEFAULT endpoint's (the service compares names case-insensitively). */
export function isDefaultEndpointName(name: string): boolean {
  return name.toUpperCase() === DEFAULT_ENDPOINT_NAME;
}

/** An endpoint name: a letter, then up to 47 letters, digits or `_`. */
export const ENDPOINT_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,47}$/;

export const ENDPOINT_NAME_RULES: StringRules = {
  pattern: ENDPOINT_NAME,
  patternDescription: 'a letter, then up to 47 letters, digits or _',
};

/** A harness version number: 1 to 99999 without a leading zero. */
export const VERSION_NUMBER = /^[1-9][0-9]{0,4}$/;

export const VERSION_NUMBER_RULES: StringRules = {
  pattern: VERSION_NUMBER,
  patternDescription: 'a version number from 1 to 99999 without a leading zero',
};

/**
 * The PromotionId of a promotion without an explicit id (keep mode, docs/DESIGN.md): the custom resource then
 * also names its target endpoint, and the handler keeps the version the target already serves.
 */
export const INITIAL_PROMOTION_ID = 'initial';
