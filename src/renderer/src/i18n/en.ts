import type { Messages } from './vi';

/** English, the second locale (for maintainers). */
export const en: Messages = {
  app: { name: 'Movement Records', short: 'Movement Records', demoBanner: 'DEMO DATA (TRIAL) — not real data', backToReal: 'Back to real data', language: 'Language', dataFile: 'Data file' },
  nav: { home: 'Overview', models: 'Self-governance models', catalogues: 'Catalogues' },
  welcome: {
    title: 'Welcome to Movement Records',
    intro: 'The app runs entirely on this computer, with no Internet. Data is kept in one file on this machine:',
    startEmpty: 'Start entering real data',
    openDemo: 'Try it with demo data',
    demoNote: 'Demo data lives in a separate file and is never mixed into real data.',
  },
  common: {
    add: 'Add', save: 'Save', cancel: 'Cancel', close: 'Close', edit: 'Edit', remove: 'Remove', search: 'Search', filter: 'Filter',
    all: 'All', saved: 'Saved.', loading: 'Loading…', none: 'None', yes: 'OK', trash: 'Delete (to Trash)',
    trashBin: 'Trash', restore: 'Restore', confirm: 'Confirm', error: 'Could not complete', print: 'Print', exportExcel: 'Export Excel',
    discardTitle: 'Discard unsaved changes?', discardText: 'The form has unsaved changes. They will be lost if you close it.',
    discard: 'Discard', keepEditing: 'Keep editing', active: 'In use', inactive: 'Not in use', note: 'Note',
    showing: 'Showing {{shown}} / {{total}} {{what}}', dateHint: 'day/month/year, e.g. 25/10/2018', actions: 'Actions',
  },
  status: { hoat_dong: 'Active', tam_ngung: 'Suspended', giai_the: 'Dissolved' },
  rating: { tot: 'Good', kha: 'Fair', trung_binh: 'Average', yeu: 'Weak' },
  models: {
    title: 'Self-governance models', unit: 'models', searchPlaceholder: 'Search by name, address, leader… (Ctrl+F)',
    name: 'Model name', type: 'Model type', ward: 'Ward', neighbourhood: 'Neighbourhood', address: 'Address', foundedOn: 'Founded on',
    foundingDecision: 'Founding decision', leaderName: 'Leader', leaderPhone: 'Contact phone', status: 'Status',
    memberCount: 'Members', latestRating: 'Latest rating', updatedAt: 'Updated', new: 'New model', trashed: 'Trash',
    countsByType: 'By model type', countsByWard: 'By ward', totalMembers: 'Members in total', deletedAt: 'Deleted on',
    trashConfirm: 'Move model "{{name}}" to the Trash? It can be restored from the Trash.', trashedDone: 'Moved to the Trash.',
    restoredDone: 'Model restored.', createdDone: 'Model added.', empty: 'No models yet. Press "Add" to enter the first one.',
    inTrash: 'This model is in the Trash.', changeStatus: 'Change status', changedOn: 'Changed on', reason: 'Reason',
    statusHistory: 'Status history', statusChanged: 'Status changed.',
  },
  tabs: { general: 'General', members: 'Members', evaluations: 'Yearly evaluations', history: 'History' },
  members: { fullName: 'Full name', role: 'Role', phone: 'Phone', address: 'Address', add: 'Add member', empty: 'No members yet.', removeConfirm: 'Remove member "{{name}}"?' },
  evaluations: {
    year: 'Year', rating: 'Rating', tipsPassed: 'Tips passed on', offendersCaught: 'Offenders caught', incidentsPrevented: 'Incidents prevented',
    notes: 'Achievements', add: 'Add yearly evaluation', empty: 'No yearly evaluations yet.', removeConfirm: 'Remove the {{year}} evaluation?',
  },
  history: { at: 'When', user: 'By', action: 'Action', create: 'Created', update: 'Edited', trash: 'Deleted (to Trash)', restore: 'Restored', status: 'Status changed', view: 'Viewed', delete: 'Purged', empty: 'No history yet.' },
  catalogues: {
    title: 'Catalogues', wards: 'Wards', neighbourhoods: 'Neighbourhoods', modelTypes: 'Model types', parentUnit: 'Parent unit',
    name: 'Name', description: 'Description', addWard: 'Add ward', addNeighbourhood: 'Add neighbourhood', addModelType: 'Add model type',
    pickWard: 'Pick a ward to see its neighbourhoods', wardsHint: 'The list can keep old units (before the 01/07/2025 merger) for old records: mark them "Not in use" instead of deleting.',
  },
  home: { title: 'Overview', models: 'Self-governance models', members: 'Model members', evaluations: 'Yearly evaluations', byType: 'Models by type', byWard: 'Models by ward', byStatus: 'Models by status' },
};
