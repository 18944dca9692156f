/**
 * "Nhập từ Excel": the wizard that brings an officer's own roster into a register. The server holds the
 * file in a session; this page holds what the officer decided (sheet, mapping, fixes, catalogue choices,
 * skipped rows and rows taken as the record they resemble) and sends it with each call. Nothing is written before the commit.
 */
import { Stack, Stepper, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NO_DECISIONS, type CatalogueChoice, type ImportAction, type ImportDecisions, type ImportKeptCell, type ImportLayout, type ImportOpened, type ImportRegister, type ImportSummary, type ResolvedMapping, STOPPED_RUN_FIELD } from '../../../../shared/imports';
import { ApiError } from '../../../../shared/errors';
import { formatNumber } from '../../../../shared/text';
import { call } from '../../api/client';
import { useCatalogues } from '../../app/catalogues-context';
import { useConfirm } from '../../components/confirm';
import { uploadFile } from '../../components/files';
import { notifyError, notifySaved } from '../../components/notify';
import { CheckStep, type CheckProgress } from './CheckStep';
import { ChooseFileStep } from './ChooseFileStep';
import { MappingStep } from './MappingStep';
import { PreviewStep } from './PreviewStep';
import { StoppedImport, type StoppedRun } from './StoppedImport';
import { SummaryStep } from './SummaryStep';
import { draftDiffers, type CatalogueDraft } from './UnknownValuesPanel';
import { FIRST_VIEW, STEPS, stepIndex, type Fixes, type PreviewView, type StepName } from './wizard';

type FileSource = { uploadId: string } | { path: string };

/** Lets the server drop a file it holds; a session already gone (expired, closed) needs nothing more. */
function closeQuietly(sessionId: string | null) {
  if (sessionId) call('imports.close', { sessionId }).catch(() => undefined);
}

export function ImportPage({ initialRegister }: { initialRegister: ImportRegister }) {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const { reload: reloadCatalogues } = useCatalogues();
  const [step, setStep] = useState<StepName>('choose');
  const [register, setRegister] = useState(initialRegister);
  const [file, setFile] = useState<File | null>(null);
  const [session, setSession] = useState<ImportOpened | null>(null);
  const [sheet, setSheet] = useState<string | null>(null);
  const [layout, setLayout] = useState<ImportLayout | null>(null);
  const [mapping, setMapping] = useState<ResolvedMapping>({});
  const [fixes, setFixes] = useState<Fixes>({});
  const [keepOriginal, setKeepOriginal] = useState<ImportKeptCell[]>([]);
  const [decisions, setDecisions] = useState<ImportDecisions>(NO_DECISIONS);
  const [catalogueChoices, setCatalogueChoices] = useState<CatalogueChoice[]>([]);
  // Choices picked in the unknown-values panel and not applied yet: kept while the rows are checked again.
  const [catalogueDraft, setCatalogueDraft] = useState<CatalogueDraft>({});
  const [withoutId, setWithoutId] = useState<number[]>([]);
  const [view, setView] = useState<PreviewView>(FIRST_VIEW);
  const [progress, setProgress] = useState<CheckProgress>(null);
  const [written, setWritten] = useState<CheckProgress>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  // A commit that stopped part way: what it kept can be undone.
  const [stopped, setStopped] = useState<StoppedRun | null>(null);
  const [busy, setBusy] = useState<'opening' | 'inspecting' | 'committing' | null>(null);
  const openSessionId = useRef<string | null>(null);
  // Each analysis run has a number; a run that is no longer the latest (stopped, restarted) stops at its next chunk.
  const analysisRun = useRef(0);

  useEffect(() => {
    const running = analysisRun;
    const opened = openSessionId;
    return () => {
      running.current += 1;
      closeQuietly(opened.current);
    };
  }, []);

  /** What was decided for a sheet no longer holds once the file, the sheet or the register changes. */
  const forgetSheetWork = () => {
    setLayout(null);
    setMapping({});
    setFixes({});
    setKeepOriginal([]);
    setDecisions(NO_DECISIONS);
    setCatalogueChoices([]);
    setCatalogueDraft({});
    setWithoutId([]);
    setView(FIRST_VIEW);
  };

  const closeSession = () => {
    analysisRun.current += 1;
    closeQuietly(openSessionId.current);
    openSessionId.current = null;
  };

  const dropFile = () => {
    closeSession();
    setStopped(null);
    setFile(null);
    setSession(null);
    setSheet(null);
    forgetSheetWork();
  };

  const openFile = async (source: () => Promise<FileSource | null>) => {
    setBusy('opening');
    try {
      const chosen = await source();
      if (!chosen) return;
      const opened = await call('imports.open', { file: chosen });
      closeSession();
      openSessionId.current = opened.sessionId;
      setSession(opened);
      setSheet((opened.sheets.find((candidate) => candidate.rows > 0) ?? opened.sheets[0])?.name ?? null);
      forgetSheetWork();
    } catch (error) {
      dropFile();
      notifyError(error, t('imports.openFailed'));
    } finally {
      setBusy(null);
    }
  };

  const chooseFile = (chosen: File | null) => {
    if (!chosen) {
      dropFile();
      return;
    }
    setFile(chosen);
    void openFile(async () => ({ uploadId: (await uploadFile(chosen)).uploadId }));
  };

  const pickFile = () =>
    void openFile(async () => {
      const path = await window.api?.pickImportFile?.();
      return path ? { path } : null;
    });

  const toMapping = async () => {
    if (!session || !sheet) return;
    if (layout) {
      setStep('map');
      return;
    }
    setBusy('inspecting');
    try {
      const found = await call('imports.inspect', { sessionId: session.sessionId, sheet, register });
      setLayout(found);
      setMapping(found.mapping);
      setStep('map');
    } catch (error) {
      notifyError(error, t('imports.inspectFailed'));
    } finally {
      setBusy(null);
    }
  };

  /** Reads every row again from the first (the skipped ones left out), chunk by chunk, then shows the preview. */
  const analyse = async (changes: { fixes?: Fixes; skipped?: number[]; catalogueChoices?: CatalogueChoice[]; withoutId?: number[]; keepOriginal?: ImportKeptCell[] } = {}) => {
    if (!session || !sheet) return;
    analysisRun.current += 1;
    const run = analysisRun.current;
    setProgress(null);
    setStep('check');
    try {
      for (let from = 0; ; ) {
        const input = { fixes, skipped: decisions.skipped, catalogueChoices, withoutId, keepOriginal, ...changes };
        const checked = await call('imports.analyse', { sessionId: session.sessionId, sheet, register, mapping, ...input, from });
        if (run !== analysisRun.current) return;
        setProgress(checked);
        if (checked.done >= checked.total) break;
        from = checked.done;
      }
      setStep('preview');
    } catch (error) {
      if (run !== analysisRun.current) return;
      notifyError(error, t('imports.checkFailed'));
      setStep('map');
    }
  };

  const stop = () => {
    dropFile();
    setStep('choose');
    notifySaved(t('imports.stopped'));
  };

  const fixRow = (rowNumber: number, cells: Record<string, string>) => {
    const next = { ...fixes, [rowNumber]: { ...fixes[rowNumber], ...cells } };
    setFixes(next);
    void analyse({ fixes: next });
  };

  const commit = async (counts: Record<ImportAction, number>) => {
    if (!session) return;
    if (draftDiffers(catalogueDraft, catalogueChoices)) {
      notifyError(new ApiError('validation', t('imports.unknown.notApplied')), t('imports.unknown.notAppliedTitle'));
      return;
    }
    const toImport = counts.add + counts.update + counts.check;
    const left = counts.same + counts.error + counts.skip;
    const confirmed = await confirm({
      title: t('imports.commitTitle', { register: t(`imports.registers.${register}`) }),
      message: t('imports.commitConfirm', { add: formatNumber(counts.add + counts.check), update: formatNumber(counts.update), left: formatNumber(left) }),
      confirmLabel: t('imports.commit', { count: formatNumber(toImport) }),
    });
    if (!confirmed) return;
    setBusy('committing');
    setStopped(null);
    // The commit is one call; the bar follows it by asking how many rows it has written.
    const poll = window.setInterval(() => call('imports.progress', { sessionId: session.sessionId }).then(setWritten, () => undefined), 400);
    try {
      const done = await call('imports.commit', { sessionId: session.sessionId, ...decisions });
      setSummary(done);
      setStep('result');
      // New entries, or aliases learnt: the catalogues the other pages use are read again.
      await reloadCatalogues();
    } catch (error) {
      const runId = error instanceof ApiError ? error.fields?.find((field) => field.field === STOPPED_RUN_FIELD)?.message : undefined;
      if (runId) setStopped({ runId, message: error instanceof Error ? error.message : '' });
      else notifyError(error, t('imports.commitFailed'));
    } finally {
      window.clearInterval(poll);
      setWritten(null);
      setBusy(null);
    }
  };

  const importAnother = () => {
    dropFile();
    setSummary(null);
    setStep('choose');
  };

  return (
    <Stack gap="md" pb="xl">
      <Title order={2}>{t('imports.title')}</Title>
      <Stepper active={stepIndex(step)} size="sm" contentPadding={0} aria-label={t('imports.stepsLabel')}>
        {STEPS.map((name) => (
          <Stepper.Step key={name} label={t(`imports.steps.${name}`)} />
        ))}
      </Stepper>
      {stopped && <StoppedImport stopped={stopped} />}
      {step === 'choose' && (
        <ChooseFileStep
          register={register}
          onRegisterChange={(next) => {
            setRegister(next);
            forgetSheetWork();
          }}
          file={file}
          onFileChange={chooseFile}
          onPickFile={pickFile}
          session={session}
          sheet={sheet}
          onSheetChange={(next) => {
            setSheet(next);
            forgetSheetWork();
          }}
          opening={busy === 'opening'}
          inspecting={busy === 'inspecting'}
          onNext={() => void toMapping()}
        />
      )}
      {step === 'map' && session && sheet && layout && (
        <MappingStep
          register={register}
          fileName={session.fileName}
          sheet={sheet}
          layout={layout}
          mapping={mapping}
          onMappingChange={setMapping}
          onBack={() => setStep('choose')}
          onCheck={() => void analyse()}
        />
      )}
      {step === 'check' && <CheckStep progress={progress} onStop={stop} />}
      {step === 'preview' && session && layout && (
        <PreviewStep
          register={register}
          sessionId={session.sessionId}
          layout={layout}
          mapping={mapping}
          fixes={fixes}
          decisions={decisions}
          onDecisionsChange={(next, checkAgain) => {
            setDecisions(next);
            if (checkAgain) void analyse({ skipped: next.skipped });
          }}
          catalogueDraft={catalogueDraft}
          onCatalogueDraftChange={setCatalogueDraft}
          onCatalogueChoices={(next) => {
            setCatalogueChoices(next);
            setCatalogueDraft({});
            void analyse({ catalogueChoices: next });
          }}
          withoutId={withoutId}
          onWithoutIdChange={(next) => {
            setWithoutId(next);
            void analyse({ withoutId: next });
          }}
          view={view}
          onViewChange={setView}
          onFix={fixRow}
          keepOriginal={keepOriginal}
          onKeepOriginalChange={(cells) => {
            setKeepOriginal(cells);
            void analyse({ keepOriginal: cells });
          }}
          onBack={() => setStep('map')}
          onCommit={(counts) => void commit(counts)}
          committing={busy === 'committing'}
          written={written}
        />
      )}
      {step === 'result' && session && summary && <SummaryStep sessionId={session.sessionId} summary={summary} onAnother={importAnother} />}
    </Stack>
  );
}
