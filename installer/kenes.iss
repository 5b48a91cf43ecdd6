; Kenes — Windows installer (Inno Setup 6). Build the bundle first, then, from the
; repository root (README, "Packaging"):
;
;   iscc /DAppVersion=0.1.0 installer\kenes.iss
;
; It packs dist\windows\kenes\ (kenes.exe, kenes-cli.exe, _internal\) into
; dist\windows\Kenes-<version>-setup.exe. `make dist-windows` does all of it under Wine.
;
; - Languages: Russian (Inno's own) and Kazakh. Inno Setup ships no Kazakh messages, so
;   installer\Kazakh.isl translates the messages an ordinary install and uninstall show,
;   over Russian.isl: anything it leaves out appears in Russian, which every Kazakh
;   speaker in the commissions reads, never in English.
; - Per-user install by default (no administrator rights), or for all users if chosen
;   in the dialog or with /ALLUSERS (/CURRENTUSER forces per-user) on the command line.
; - User data lives in %APPDATA%\Kenes (database, backups, log, settings), never in
;   {app}: the uninstaller removes only what it installed, so the data stays.

#ifndef AppVersion
  #error Give the version: iscc /DAppVersion=X.Y.Z installer\kenes.iss (pyproject.toml's)
#endif

#define AppName "Kenes"
#define AppExe "kenes.exe"
; What double-clicking a .kenes exchange package runs: the app opens, asks for the
; login, then imports the file on the Exchange screen (asking the office passphrase).
; Quoted twice over: the preprocessor turns each "" of its string into ", and the
; [Registry] parameter then turns each "" into ", so the registry holds
;   "C:\...\kenes.exe" --import "%1"
; (with single quotes here, Inno Setup stops: "Mismatched or misplaced quotes").
#define PackageOpenCommand "--import """"%1"""""

[Setup]
AppId={{1C67694B-19F6-41A8-BFC2-734F61788A60}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Kenes
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=auto
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
ChangesAssociations=yes
CloseApplications=yes
SetupIconFile=..\resources\icons\kenes.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
WizardStyle=modern
ShowLanguageDialog=yes
Compression=lzma2/max
SolidCompression=yes
OutputDir=..\dist\windows
OutputBaseFilename={#AppName}-{#AppVersion}-setup

[Languages]
Name: "ru"; MessagesFile: "compiler:Languages\Russian.isl"
Name: "kk"; MessagesFile: "compiler:Languages\Russian.isl,Kazakh.isl"

[CustomMessages]
ru.AssocPackages=Открывать пакеты обмена Kenes (.kenes) в Kenes
kk.AssocPackages=Kenes алмасу пакеттерін (.kenes) Kenes арқылы ашу
ru.PackageType=Пакет обмена Kenes
kk.PackageType=Kenes алмасу пакеті
ru.CommandLine=Kenes — командная строка
kk.CommandLine=Kenes — пәрмен жолы

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "association"; Description: "{cm:AssocPackages}"

[Files]
Source: "..\dist\windows\kenes\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An update replaces the program folder whole: no module of an older version lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
; A console in the program folder, for kenes-cli (check, backup, smoke, documents…).
Name: "{group}\{cm:CommandLine}"; Filename: "{cmd}"; Parameters: "/k kenes-cli --help"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; HKA: HKCU for a per-user install, HKLM for all users.
Root: HKA; Subkey: "Software\Classes\.kenes"; ValueType: string; ValueName: ""; ValueData: "Kenes.Package"; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\.kenes\OpenWithProgids"; ValueType: string; ValueName: "Kenes.Package"; ValueData: ""; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\Kenes.Package"; ValueType: string; ValueName: ""; ValueData: "{cm:PackageType}"; Flags: uninsdeletekey; Tasks: association
Root: HKA; Subkey: "Software\Classes\Kenes.Package\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: association
Root: HKA; Subkey: "Software\Classes\Kenes.Package\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" {#PackageOpenCommand}"; Tasks: association

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: %APPDATA%\Kenes (the database and its backups) is the user's.
