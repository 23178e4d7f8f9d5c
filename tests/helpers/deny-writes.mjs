/**
 * Preload for a child process (`node --import <this> …`): every write into
 * $TILSKUDD_TEST_DENY_DIR fails with $TILSKUDD_TEST_DENY_CODE (EROFS by default, or ENOSPC),
 * as on a read-only or full disk — for tests that may run as root, where chmod does not stop
 * writes. Reads are untouched. Only Node's fs is affected (SQLite's own I/O is not).
 */
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve(process.env.TILSKUDD_TEST_DENY_DIR ?? '/nonexistent');
const code = process.env.TILSKUDD_TEST_DENY_CODE ?? 'EROFS';
const inside = (p) => {
  const r = path.resolve(String(p));
  return r === dir || r.startsWith(dir + path.sep);
};
const deny = (p, syscall) => {
  const error = new Error(`${code}: denied by test, ${syscall} '${p}'`);
  error.code = code;
  error.syscall = syscall;
  error.path = String(p);
  return error;
};
const writes = (flags) =>
  flags !== undefined && flags !== 'r' && flags !== 'rs' && flags !== fs.constants.O_RDONLY;

const { openSync, writeFileSync, mkdirSync } = fs;
fs.openSync = function (p, flags, ...rest) {
  if (inside(p) && writes(flags)) throw deny(p, 'open');
  return openSync.call(this, p, flags, ...rest);
};
fs.writeFileSync = function (p, ...rest) {
  if (typeof p !== 'number' && inside(p)) throw deny(p, 'open');
  return writeFileSync.call(this, p, ...rest);
};
fs.mkdirSync = function (p, ...rest) {
  if (inside(p) && !fs.existsSync(p)) throw deny(p, 'mkdir');
  return mkdirSync.call(this, p, ...rest);
};
