export * from './emulator';
export * from './faults';
export * from './state';
export * from './client-env';
