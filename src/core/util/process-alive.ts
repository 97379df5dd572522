// Whether a process id (a lock's or a download's owner on this machine) is still running.
import { errorCode } from './io-error';

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errorCode(err) === 'EPERM'; // alive, but another user's
  }
}
