; *** Inno Setup 6: Kazakh messages for the Kenes installer ***
;
; Inno Setup ships no Kazakh translation. This file translates the messages an ordinary
; install and uninstall of Kenes show; installer/kenes.iss loads it over Russian.isl
; ("compiler:Languages\Russian.isl,Kazakh.isl"), so a message left out here appears in
; Russian. Saved as UTF-8 with a byte-order mark, as Inno Setup 6 requires.

[LangOptions]
LanguageName=Қазақ тілі
LanguageID=$043F
LanguageCodePage=0

[Messages]

; *** Application titles
SetupAppTitle=Орнату
SetupWindowTitle=Орнату — %1
UninstallAppTitle=Жою
UninstallAppFullTitle=%1 — жою

; *** Misc. common
InformationTitle=Ақпарат
ConfirmTitle=Растау
ErrorTitle=Қате

; *** SetupLdr messages
SetupLdrStartupMessage=Компьютерге %1 орнатылады. Жалғастырасыз ба?
LdrCannotCreateTemp=Уақытша файл жасалмады. Орнату тоқтатылды
LdrCannotExecTemp=Уақытша қалтадағы файл іске қосылмады. Орнату тоқтатылды

; *** Startup error messages
SetupAlreadyRunning=Орнату бағдарламасы қазір жұмыс істеп тұр.
WindowsVersionNotSupported=Бұл бағдарлама компьютеріңіздегі Windows нұсқасында жұмыс істемейді.
AdminPrivilegesRequired=Бұл бағдарламаны орнату үшін жүйеге әкімші ретінде кіру керек.
SetupAppRunningError=%1 қазір жұмыс істеп тұр.%n%nОның барлық терезелерін жабыңыз да, жалғастыру үшін «OK», шығу үшін «Бас тарту» батырмасын басыңыз.
UninstallAppRunningError=%1 қазір жұмыс істеп тұр.%n%nОның барлық терезелерін жабыңыз да, жалғастыру үшін «OK», шығу үшін «Бас тарту» батырмасын басыңыз.

; *** Startup questions
PrivilegesRequiredOverrideInstruction=Орнату түрін таңдаңыз
PrivilegesRequiredOverrideTaskDialogText1=%1 бағдарламасын компьютердің барлық пайдаланушысына (әкімші құқығы керек) немесе тек өзіңізге орнатуға болады.
PrivilegesRequiredOverrideMsgBoxText1=%1 бағдарламасын компьютердің барлық пайдаланушысына (ұсынылады, бірақ әкімші құқығы керек) немесе тек өзіңізге орнатуға болады.%n%nБарлық пайдаланушыға орнатасыз ба?
PrivilegesRequiredOverrideTaskDialogText2=%1 бағдарламасын тек өзіңізге немесе компьютердің барлық пайдаланушысына (әкімші құқығы керек) орнатуға болады.
PrivilegesRequiredOverrideMsgBoxText2=%1 бағдарламасын тек өзіңізге (ұсынылады) немесе компьютердің барлық пайдаланушысына (әкімші құқығы керек) орнатуға болады.%n%nТек өзіңізге орнатасыз ба?
PrivilegesRequiredOverrideAllUsers=&Барлық пайдаланушыға орнату
PrivilegesRequiredOverrideCurrentUser=Тек &маған орнату
PrivilegesRequiredOverrideRecommended=%1 (ұсынылады)

; *** Setup common messages
ExitSetupTitle=Орнатудан шығу
ExitSetupMessage=Орнату аяқталған жоқ. Қазір шықсаңыз, бағдарлама орнатылмайды.%n%nОрнатуды кейін қайта іске қосып, аяқтауға болады.%n%nОрнатудан шығасыз ба?

; *** Buttons
ButtonBack=< &Артқа
ButtonNext=&Әрі қарай >
ButtonInstall=&Орнату
ButtonOK=OK
ButtonCancel=Бас тарту
ButtonYes=&Иә
ButtonYesToAll=Бәріне и&ә
ButtonNo=&Жоқ
ButtonNoToAll=Бәріне ж&оқ
ButtonFinish=&Аяқтау
ButtonBrowse=&Шолу...
ButtonWizardBrowse=Ш&олу...
ButtonNewFolder=&Жаңа қалта жасау

; *** "Select Language" dialog messages
SelectLanguageTitle=Орнату тілі
SelectLanguageLabel=Орнату кезінде қолданылатын тілді таңдаңыз:

; *** Common wizard text
ClickNext=Жалғастыру үшін «Әрі қарай», орнатудан шығу үшін «Бас тарту» батырмасын басыңыз.
BrowseDialogTitle=Қалтаны таңдау
BrowseDialogLabel=Тізімнен қалтаны таңдап, «OK» батырмасын басыңыз.
NewFolderName=Жаңа қалта

; *** "Welcome" wizard page
WelcomeLabel1=[name] орнату шеберіне қош келдіңіз
WelcomeLabel2=Компьютерге [name/ver] орнатылады.%n%nЖалғастырмас бұрын басқа бағдарламалардың бәрін жапқан жөн.

; *** "Select Destination Location" wizard page
WizardSelectDir=Орнату қалтасы
SelectDirDesc=[name] қай қалтаға орнатылсын?
SelectDirLabel3=[name] мына қалтаға орнатылады.
SelectDirBrowseLabel=Жалғастыру үшін «Әрі қарай» батырмасын басыңыз. Басқа қалтаны таңдау үшін «Шолу» батырмасын басыңыз.
DiskSpaceMBLabel=Дискіде кемінде [mb] МБ бос орын керек.
DirExistsTitle=Қалта бар
DirExists=Мына қалта бұрыннан бар:%n%n%1%n%nСоған орната берейін бе?
DirDoesntExistTitle=Қалта жоқ
DirDoesntExist=Мына қалта жоқ:%n%n%1%n%nОны жасайын ба?

; *** "Select Additional Tasks" wizard page
WizardSelectTasks=Қосымша әрекеттер
SelectTasksDesc=Қандай қосымша әрекеттер орындалсын?
SelectTasksLabel2=[name] орнату кезінде орындалатын қосымша әрекеттерді таңдап, «Әрі қарай» батырмасын басыңыз.

; *** "Select Start Menu Folder" wizard page
WizardSelectProgramGroup=«Бастау» мәзіріндегі қалта
SelectStartMenuFolderDesc=Бағдарлама жарлықтары қай жерге қойылсын?
SelectStartMenuFolderLabel3=Бағдарлама жарлықтары «Бастау» мәзірінің мына қалтасында жасалады.
SelectStartMenuFolderBrowseLabel=Жалғастыру үшін «Әрі қарай» батырмасын басыңыз. Басқа қалтаны таңдау үшін «Шолу» батырмасын басыңыз.
MustEnterGroupName=Қалтаның атын жазыңыз.
NoProgramGroupCheck2=«Бастау» мәзірінде қалта &жасамау

; *** "Ready to Install" wizard page
WizardReady=Орнатуға дайын
ReadyLabel1=[name] бағдарламасын компьютерге орнатуға бәрі дайын.
ReadyLabel2a=Орнатуды бастау үшін «Орнату», таңдауларды қайта қарау не өзгерту үшін «Артқа» батырмасын басыңыз.
ReadyLabel2b=Орнатуды бастау үшін «Орнату» батырмасын басыңыз.
ReadyMemoDir=Орнату қалтасы:
ReadyMemoGroup=«Бастау» мәзіріндегі қалта:
ReadyMemoTasks=Қосымша әрекеттер:

; *** "Preparing to Install" wizard page
WizardPreparing=Орнатуға дайындық
PreparingDesc=[name] бағдарламасын компьютерге орнатуға дайындық жүріп жатыр.
CannotContinue=Орнатуды жалғастыру мүмкін емес. Шығу үшін «Бас тарту» батырмасын басыңыз.
ApplicationsFound=Орнату жаңартатын файлдарды мына бағдарламалар пайдаланып отыр. Оларды орнату бағдарламасы өзі жапқаны жөн.
ApplicationsFound2=Орнату жаңартатын файлдарды мына бағдарламалар пайдаланып отыр. Оларды орнату бағдарламасы өзі жапқаны жөн. Орнату аяқталған соң, олар қайта іске қосылады.
CloseApplications=Бағдарламаларды &өзі жапсын
DontCloseApplications=Бағдарламаларды &жаппау

; *** "Installing" wizard page
WizardInstalling=Орнату
InstallingLabel=[name] компьютерге орнатылып жатыр, күте тұрыңыз.

; *** "Setup Completed" wizard page
FinishedHeadingLabel=[name] орнату шебері жұмысын аяқтады
FinishedLabelNoIcons=[name] компьютерге орнатылды.
FinishedLabel=[name] компьютерге орнатылды. Бағдарламаны жасалған жарлықтар арқылы іске қосуға болады.
ClickFinish=Орнатудан шығу үшін «Аяқтау» батырмасын басыңыз.
RunEntryExec=%1 іске қосу

; *** Installation phase messages
SetupAborted=Орнату аяқталмады.%n%nҚатені түзетіп, орнатуды қайта іске қосыңыз.

; *** Installation status messages
StatusClosingApplications=Бағдарламалар жабылып жатыр...
StatusCreateDirs=Қалталар жасалып жатыр...
StatusExtractFiles=Файлдар шығарылып жатыр...
StatusCreateIcons=Жарлықтар жасалып жатыр...
StatusCreateRegistryEntries=Тізілім жазбалары жасалып жатыр...
StatusSavingUninstall=Жою деректері сақталып жатыр...
StatusRunProgram=Орнату аяқталып жатыр...
StatusRollback=Өзгерістер кері қайтарылып жатыр...

; *** Uninstaller messages
ConfirmUninstall=%1 бағдарламасын барлық құрамдас бөліктерімен бірге толық жоясыз ба?
UninstallStatusLabel=%1 компьютерден жойылып жатыр, күте тұрыңыз.
UninstalledAll=%1 компьютерден жойылды.
UninstalledMost=%1 жойылды.%n%nКейбір элементтер жойылмады, оларды қолмен жоюға болады.
WizardUninstalling=Жою
StatusUninstalling=%1 жойылып жатыр...

[CustomMessages]

NameAndVersion=%1, %2 нұсқасы
AdditionalIcons=Қосымша жарлықтар:
CreateDesktopIcon=&Жұмыс үстелінде жарлық жасау
CreateQuickLaunchIcon=&Жылдам іске қосу тақтасында жарлық жасау
ProgramOnTheWeb=%1 интернетте
UninstallProgram=%1 жою
LaunchProgram=%1 іске қосу
AssocFileExtension=%2 файлдарын %1 арқылы &ашу
AssocingFileExtension=%2 файлдары %1 бағдарламасымен байланыстырылып жатыр...
AutoStartProgramGroupDescription=Автоматты іске қосу:
AutoStartProgram=%1 автоматты түрде іске қосу
AddonHostProgramNotFound=%1 таңдалған қалтада жоқ.%n%nСонда да жалғастырасыз ба?
