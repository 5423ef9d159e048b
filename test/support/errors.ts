import { ApiError } from '../../src-main/contract';

/** The typed error a call was refused with; fails the test if the call succeeded or threw something else. */
export async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}
