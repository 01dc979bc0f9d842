// What-if: predict and explain one edited row with a model from a run (being written).
import { runtimeError } from '../../shared/errors.js';
import type { ApiRequest, ApiResponse } from '../../shared/api/contract.js';
import type { ProjectFile } from '../store/project-file.js';

export async function explainWhatIf(_project: ProjectFile, _request: ApiRequest<'whatIf.explain'>): Promise<ApiResponse<'whatIf.explain'>> {
  throw runtimeError('what-if is not available yet');
}
