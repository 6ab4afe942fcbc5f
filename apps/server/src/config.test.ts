import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('uses defaults for an empty environment', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir).toBe('./data');
    expect(c.secureCookies).toBe(false);
    expect(c.filesDir).toBe('data/files');
    expect(c.maxUploadBytes).toBe(20 * 1024 * 1024);
  });

  it('reads the files directory and the upload limit', () => {
    const c = loadConfig({ FILES_DIR: '/srv/verbund/files', MAX_UPLOAD_MB: '5' });
    expect(c.filesDir).toBe('/srv/verbund/files');
    expect(c.maxUploadBytes).toBe(5 * 1024 * 1024);
    expect(() => loadConfig({ MAX_UPLOAD_MB: '-1' })).toThrow(/MAX_UPLOAD_MB/);
  });

  it('marks cookies secure behind https', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://verbund.example' }).secureCookies).toBe(true);
  });

  it('reports every bad variable in one message', () => {
    expect(() => loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud' })).toThrow(/PORT[\s\S]*LOG_LEVEL/);
  });

  it('requires a session secret with PostgreSQL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://localhost/x' })).toThrow(ConfigError);
    const c = loadConfig({ DATABASE_URL: 'postgres://localhost/x', SESSION_SECRET: 'x'.repeat(32) });
    expect(c.databaseUrl).toBe('postgres://localhost/x');
  });
});
