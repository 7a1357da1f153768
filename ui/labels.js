// How the core's names read on screen.

export const RUNG = {
  noticed: 'Noticed',
  connected: 'Connected',
  conversing: 'Conversing',
  spoken: 'Spoken',
  met: 'Met',
  working: 'Working',
};

export const HANDLE_PLATFORM = {
  linkedin: 'LinkedIn',
  x: 'X',
  facebook: 'Facebook',
  instagram: 'Instagram',
  email: 'Email',
  phone: 'Phone',
  website: 'Website',
  other: 'Other',
};
