export * from './organisations';
export * from './audit';
export * from './grants';
export * from './allocations';
export * from './yearend';
export * from './imports';
export * from './example-data';
export * from './settings';
