/**
 * A whole local data file into a new PostgreSQL server (issue 18 point 3): the ward's or district's data
 * moves to the shared server once, when the office starts using it, with every id, version and history.
 */
import { existsSync } from 'node:fs';
import type { ServerCopyReport } from '../../../shared/merge';
import { ApiError } from '../../../shared/errors';
import { checkpointAfter } from '../../db/checkpoint';
import { copyFileToServer, ServerNotEmptyError } from '../../db/copy';
import { log } from '../../platform/log';
import type { Workspace } from '../../workspace';
import type { Context } from '../context';

export async function copyLocalFileToServer(workspace: Workspace, ctx: Context): Promise<ServerCopyReport> {
  if (workspace.engine !== 'postgres') {
    throw new ApiError('conflict', 'Ứng dụng đang dùng tệp dữ liệu trên máy này. Hãy mở ứng dụng với máy chủ PostgreSQL (--database) rồi chép tệp này vào máy chủ.');
  }
  const file = workspace.realFile;
  if (!existsSync(file)) throw new ApiError('not_found', `Chưa có tệp dữ liệu "${file}" trên máy này để chép vào máy chủ.`);
  try {
    const copied = await checkpointAfter(ctx.db, () => copyFileToServer(file, ctx.db));
    log.info('server.copied_from_file', { tables: Object.keys(copied.rows).length });
    return { file, rows: copied.rows };
  } catch (error) {
    if (error instanceof ServerNotEmptyError) {
      throw new ApiError('conflict', 'Máy chủ đã có hồ sơ: chỉ chép được vào một cơ sở dữ liệu mới, chưa có hồ sơ nào. Dữ liệu trên máy chủ được giữ nguyên; để gộp dữ liệu, hãy dùng "Gộp dữ liệu từ tệp".');
    }
    throw error;
  }
}
