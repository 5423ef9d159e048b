-- Windows builds users record experiments on. Source: shared DOMAIN.md "Windows builds" (nvaccess/nvda source/winVersion.py).
INSERT INTO windows_versions (build, name, release, branch) VALUES
  (7600,  'Windows 7',            'RTM',   'win7_rtm'),
  (7601,  'Windows 7 SP1',        'SP1',   'win7sp1_rtm'),
  (9200,  'Windows 8',            'RTM',   'win8_rtm'),
  (9600,  'Windows 8.1',          'RTM',   'winblue_rtm'),
  (10240, 'Windows 10 1507',      '1507',  'th1'),
  (10586, 'Windows 10 1511',      '1511',  'th2_release'),
  (14393, 'Windows 10 1607',      '1607',  'rs1_release'),
  (15063, 'Windows 10 1703',      '1703',  'rs2_release'),
  (16299, 'Windows 10 1709',      '1709',  'rs3_release'),
  (17134, 'Windows 10 1803',      '1803',  'rs4_release'),
  (17763, 'Windows 10 1809',      '1809',  'rs5_release'),
  (18362, 'Windows 10 1903',      '1903',  '19h1_release'),
  (18363, 'Windows 10 1909',      '1909',  '19h1_release'),
  (19041, 'Windows 10 2004',      '2004',  'vb_release'),
  (19042, 'Windows 10 20H2',      '20H2',  'vb_release'),
  (19043, 'Windows 10 21H1',      '21H1',  'vb_release'),
  (19044, 'Windows 10 21H2',      '21H2',  'vb_release'),
  (19045, 'Windows 10 22H2',      '22H2',  'vb_release'),
  (20348, 'Windows Server 2022',  '21H2',  'fe_release'),
  (22000, 'Windows 11 21H2',      '21H2',  'co_release'),
  (22621, 'Windows 11 22H2',      '22H2',  'ni_release'),
  (22631, 'Windows 11 23H2',      '23H2',  'ni_release'),
  (26100, 'Windows 11 24H2',      '24H2',  'ge_release'),
  (26200, 'Windows 11 25H2',      '25H2',  'ge_release');

-- The path through the kernel image loader found in the win32k import experiment (shared DOMAIN.md, steps 1-8).
INSERT INTO loader_paths (id, name, description) VALUES
  (1, 'Import resolution from a session image',
   'How nt!MiResolveImageReferences resolves a driver''s imports when one of the exporting modules lives in session space.');

INSERT INTO loader_steps (path_id, position, function_name, title, description) VALUES
  (1, 1, 'RtlImageDirectoryEntryToData', 'Find the import directory',
   'MiResolveImageReferences calls RtlImageDirectoryEntryToData for IMAGE_DIRECTORY_ENTRY_IMPORT of the image being loaded.'),
  (1, 2, 'MiResolveImageReferences', 'Take the first module to resolve from',
   'The first import descriptor names the module to resolve from, here win32k.sys.'),
  (1, 3, 'RtlEqualUnicodeString', 'Walk PsLoadedModuleList',
   'The loaded-module list is walked comparing names with RtlEqualUnicodeString.'),
  (1, 4, 'MiSessionReferenceImage', 'Reference the session image',
   'The module lives in session space, so MiSessionReferenceImage is called with its base address.'),
  (1, 5, 'MiSessionLookupImage', 'Look the image up in the current session',
   'MiSessionReferenceImage calls MiSessionLookupImage(address).'),
  (1, 6, 'PsGetCurrentProcess', 'Read EPROCESS.Session',
   'MiSessionLookupImage reads the current process''s EPROCESS and its Session member.'),
  (1, 7, 'PsInitialSystemProcess', 'Load runs in the System process',
   'NtLoadDriver work runs in the System process (PID 4), which belongs to no session: Session is NULL.'),
  (1, 8, 'KeBugCheckEx', 'Session + 0x58 is dereferenced',
   'Nothing checks the NULL session; Session + 0x58 is dereferenced and the system bugchecks.');

INSERT INTO settings (key, value_json) VALUES
  ('sessionImages', '["win32k.sys","win32kbase.sys","win32kfull.sys","cdd.dll"]');
