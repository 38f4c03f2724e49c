/**
 * There is no Docker engine on the development and CI machines, so the container files are
 * checked statically: docker-compose.yml against the official Compose Specification schema (the
 * copy `dclint` ships, byte-identical to compose-spec/compose-spec's `schema/compose-spec.json`),
 * and the Dockerfile through a real Dockerfile parser.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { type Copy, DockerfileParser, type Instruction } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

// biome-ignore lint/suspicious/noExplicitAny: a parsed compose file is untyped YAML
type Compose = any;

function composeSchemaValidator() {
  // The package's `exports` hide the schema folder, so locate it from its package.json.
  const dir = dirname(createRequire(import.meta.url).resolve('dclint/package.json'));
  const { $schema: _meta, ...schema } = JSON.parse(
    readFileSync(join(dir, 'schemas', 'compose.schema.json'), 'utf8'),
  );
  // `$schema` names draft-07 by an https URL ajv does not know; the body is plain draft-07.
  return new Ajv({ strict: false, allErrors: true }).compile(schema);
}

/** Parsed like Compose does: YAML merge keys (`<<: *app`) resolved. */
const compose: Compose = parseYaml(read('docker-compose.yml'), { merge: true });
const APP_SERVICES = ['web', 'discord', 'worker'];

describe('docker-compose.yml', () => {
  const validate = composeSchemaValidator();

  it('conforms to the Compose Specification schema', () => {
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is checked by a schema that refuses a misspelt key', () => {
    const broken = structuredClone(compose);
    broken.services.redis.healthchek = broken.services.redis.healthcheck;
    expect(validate(broken)).toBe(false);
  });

  it('runs Redis with AOF and noeviction, as BullMQ needs', () => {
    const command = [compose.services.redis.command].flat().join(' ');
    expect(command).toMatch(/--appendonly yes/);
    expect(command).toMatch(/--maxmemory-policy noeviction/);
  });

  it('builds every app service from the same image and splits the roles', () => {
    const app = APP_SERVICES.map((name) => compose.services[name]);
    expect(new Set(app.map((s) => JSON.stringify([s.build, s.image]))).size).toBe(1);
    expect(app[0].build).toBe('.');
    expect(app.map((s) => s.environment.ROLES)).toEqual(['web', 'discord', 'worker']);
    expect(compose.services.worker.deploy.replicas).toBeGreaterThanOrEqual(1);
    expect(compose.services.web.ports).toEqual([expect.stringMatching(/:3000:3000$/)]);
  });

  it('points the app at the compose Postgres and Redis and waits until they are healthy', () => {
    for (const name of APP_SERVICES) {
      const service = compose.services[name];
      expect(service.environment.DATABASE_URL).toMatch(/^postgresql:\/\/[^@]+@postgres:5432\/imagegen$/);
      expect(service.environment.REDIS_URL).toBe('redis://redis:6379');
      expect(service.env_file).toEqual([{ path: '.env', required: false }]);
      expect(service.depends_on).toEqual({
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
      });
    }
  });

  it('health-checks the databases, and the web role through the image', () => {
    expect(compose.services.postgres.healthcheck.test.join(' ')).toMatch(/pg_isready/);
    expect(compose.services.redis.healthcheck.test.join(' ')).toMatch(/redis-cli ping/);
    expect(compose.services.web.healthcheck).toBeUndefined(); // the Dockerfile's HEALTHCHECK applies
    expect(read('Dockerfile')).toMatch(/^HEALTHCHECK /m);
  });

  it('keeps database and queue data in named volumes', () => {
    expect(compose.services.postgres.volumes).toContain('postgres-data:/var/lib/postgresql/data');
    expect(compose.services.redis.volumes).toContain('redis-data:/data');
    expect(Object.keys(compose.volumes)).toEqual(expect.arrayContaining(['postgres-data', 'redis-data']));
  });
});

describe('Dockerfile', () => {
  const dockerfile = DockerfileParser.parse(read('Dockerfile'));
  const stages: Instruction[][] = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') stages.push([]);
    stages.at(-1)?.push(instruction);
  }
  const final = stages.at(-1) ?? [];
  const inFinal = (keyword: string) => final.filter((i) => i.getKeyword() === keyword);
  const args = (i: Instruction) => i.getArgumentsContent() ?? '';

  it('is a multi-stage build', () => {
    expect(dockerfile.getFROMs().length).toBeGreaterThanOrEqual(2);
  });

  it('runs on a Node LTS image (an even major, 22 or newer)', () => {
    const from = dockerfile.getFROMs().at(-1);
    expect(from?.getImageName()).toBe('node');
    const major = Number(/^(\d+)/.exec(from?.getImageTag() ?? '')?.[1]);
    expect(major).toBeGreaterThanOrEqual(22);
    expect(major % 2).toBe(0);
  });

  it('installs production dependencies only in the final stage', () => {
    const runs = inFinal('RUN').map(args).join('\n');
    expect(runs).toMatch(/npm ci[^\n]*(--omit[= ]dev|--production)/);
    expect(runs).not.toMatch(/npm (ci|install)(?![^\n]*(--omit[= ]dev|--production))/);
  });

  it('brings the generated Prisma client from the build stage', () => {
    const copies = inFinal('COPY').map(
      (i) => `${(i as Copy).getFromFlag()?.getValue() ?? '(context)'}: ${args(i)}`,
    );
    expect(copies).toContain('build: /app/src/generated ./src/generated');
  });

  it('runs as a non-root user', () => {
    const user = inFinal('USER').at(-1);
    expect(user).toBeDefined();
    expect(args(user!)).not.toMatch(/^(root|0)(:|$)/);
  });

  it('has a health check on /healthz, and starts without npm (whose prestart needs dev tools)', () => {
    expect(args(inFinal('HEALTHCHECK')[0]!)).toMatch(/\/healthz/);
    const cmd = args(inFinal('CMD').at(-1)!);
    expect(cmd).toMatch(/^\[/); // exec form: SIGTERM reaches Node
    expect(cmd).not.toMatch(/npm/);
    expect(inFinal('EXPOSE').map(args)).toContain('3000');
  });

  it('bakes no secret into ENV or ARG', () => {
    const names = dockerfile
      .getInstructions()
      .filter((i) => i.getKeyword() === 'ENV' || i.getKeyword() === 'ARG')
      .flatMap((i) => (i.getArgumentsContent() ?? '').split(/\s+/).map((p) => p.split('=')[0] ?? ''));
    expect(names).toContain('NODE_ENV');
    expect(names.filter((n) => /KEY|TOKEN|SECRET|PASSWORD|DSN|CREDENTIAL/i.test(n))).toEqual([]);
  });

  it('leaves secrets and local state out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    expect(ignored).toEqual(
      expect.arrayContaining(['.env', 'node_modules', '.git', '.data', 'src/generated']),
    );
  });
});
