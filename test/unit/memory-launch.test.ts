import { strict as assert } from 'node:assert';
import { tunedChildSettings, wantsTunedChild } from '../../src/cli/memory-launch';
import { withMallocSettings } from '../../src/common/malloc-env';

describe('memory-launch: which runs get a tuned child, and with what', () => {
  const linux = { platform: 'linux' as const, env: {}, execArgv: [] };

  it('relaunches the long batch commands on Linux, once', () => {
    assert.equal(wantsTunedChild(['check', 'docs'], linux), true);
    assert.equal(wantsTunedChild(['evidence', 'docs'], linux), true);
    assert.equal(wantsTunedChild(['check', 'docs'], { ...linux, env: { CONSISTENCY_CHECK_CHILD: '1' } }), false);
  });

  it('runs short commands, help and other platforms in the process itself', () => {
    for (const argv of [
      ['score'],
      ['sentences', 'a.md'],
      ['serve', '--stdio'],
      ['model', 'list'],
      ['check', '--help'],
      [],
    ]) {
      assert.equal(wantsTunedChild(argv, linux), false, argv.join(' '));
    }
    assert.equal(wantsTunedChild(['check', 'docs'], { ...linux, platform: 'darwin' }), false);
    assert.equal(wantsTunedChild(['check', 'docs'], { ...linux, platform: 'win32' }), false);
  });

  it('caps malloc arenas, pins the mmap threshold and caps the young generation unless the user chose them', () => {
    const plain = tunedChildSettings({ ...linux, env: { PATH: '/bin' }, execArgv: ['--enable-source-maps'] });
    assert.equal(plain.env.MALLOC_ARENA_MAX, '2');
    assert.equal(plain.env.MALLOC_MMAP_THRESHOLD_, '131072');
    assert.equal(plain.env.PATH, '/bin');
    assert.equal(plain.env.CONSISTENCY_CHECK_CHILD, '1');
    assert.deepEqual(plain.execArgv, ['--enable-source-maps', '--max-semi-space-size=4']);

    const chosen = tunedChildSettings({
      ...linux,
      env: { MALLOC_ARENA_MAX: '8', MALLOC_MMAP_THRESHOLD_: '1048576', NODE_OPTIONS: '--max-semi-space-size=32' },
      execArgv: [],
    });
    assert.equal(chosen.env.MALLOC_ARENA_MAX, '8');
    assert.equal(chosen.env.MALLOC_MMAP_THRESHOLD_, '1048576');
    assert.deepEqual(chosen.execArgv, []);
    assert.deepEqual(tunedChildSettings({ ...linux, execArgv: ['--max-semi-space-size=1'] }).execArgv, [
      '--max-semi-space-size=1',
    ]);
  });
});

describe('malloc-env: the settings the check child and the language server start with', () => {
  it('adds glibc malloc settings on Linux under what the environment already sets, nothing elsewhere', () => {
    assert.deepEqual(withMallocSettings({ PATH: '/bin' }, 'linux'), {
      MALLOC_ARENA_MAX: '2',
      MALLOC_MMAP_THRESHOLD_: '131072',
      PATH: '/bin',
    });
    assert.equal(withMallocSettings({ MALLOC_ARENA_MAX: '4' }, 'linux').MALLOC_ARENA_MAX, '4');
    assert.deepEqual(withMallocSettings({ PATH: '/bin' }, 'darwin'), { PATH: '/bin' });
    assert.deepEqual(withMallocSettings({ PATH: '/bin' }, 'win32'), { PATH: '/bin' });
  });
});
