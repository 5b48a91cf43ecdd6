"""Wording of the demo's cases, measures and questions (Russian, as most protocols are
typed): invented, but in the shape a secretary would write them."""

from __future__ import annotations

from app.domain.bilingual import Bilingual


def ru(text: str | None) -> Bilingual:
    """A text of the Russian-working demo commission: typed in Russian only."""
    return Bilingual(ru=text)

OBLAST = "Павлодарской области"
EDU = f"Управление образования {OBLAST}"
POLICE = f"Департамент полиции {OBLAST} (ювенальная полиция)"
HEALTH = f"Управление здравоохранения {OBLAST}"
SPORT = f"Управление физической культуры и спорта {OBLAST}"
EMPLOY = f"Управление координации занятости и социальных программ {OBLAST}"
FAMILY = "Центр поддержки семьи"
PSY = "Областной центр психологической поддержки детей и подростков"
GUARD = "Отдел охраны прав детей управления образования"
AKIMATS = "Акиматы районов и городов областного значения"

# Category code -> weight, source codes, article codes, description.
CATEGORIES: dict[str, tuple[int, tuple[str, ...], tuple[str | None, ...], str]] = {
    "administrative_offence": (14, ("police",), ("442", "434", "435"),
                               "Административное правонарушение: несовершеннолетний "
                               "задержан сотрудниками полиции; составлен протокол."),
    "socially_dangerous_act": (5, ("police", "prosecutor"), (None,),
                               "Совершение общественно опасного деяния до достижения возраста "
                               "уголовной ответственности (кража имущества)."),
    "bullying_aggressor": (6, ("school", "citizen_complaint"), ("127-2",),
                           "Систематическая травля одноклассника; информация классного "
                           "руководителя и обращение родителей пострадавшего."),
    "bullying_victim": (6, ("school", "citizen_complaint"), (None,),
                        "Несовершеннолетний подвергается травле со стороны сверстников; "
                        "требуется защита его прав."),
    "cyberbullying": (4, ("school", "police"), ("127-2",),
                      "Оскорбительные публикации о сверстнице в мессенджере и социальной "
                      "сети."),
    "domestic_violence_victim": (4, ("police", "health"), ("73",),
                                 "Жестокое обращение в семье: вызов полиции по месту "
                                 "жительства, вынесено защитное предписание."),
    "neglect": (10, ("police", "guardianship"), ("127",),
                "Безнадзорность: несовершеннолетний выявлен в ночное время без "
                "сопровождения законных представителей."),
    "truancy": (10, ("school",), (None,),
                "Систематические пропуски учебных занятий без уважительной причины."),
    "running_away": (6, ("police",), (None,),
                     "Самовольный уход из дома; несовершеннолетний разыскан сотрудниками "
                     "полиции."),
    "substance_use": (6, ("police", "health"), ("434",),
                      "Употребление алкогольной продукции; несовершеннолетний доставлен в "
                      "отдел полиции."),
    "self_harm_suicide_risk": (3, ("health", "school"), (None,),
                               "Признаки самоповреждающего поведения, выявленные "
                               "школьным психологом."),
    "family_difficult_situation": (10, ("guardianship", "school", "court"), ("127",),
                                   "Семья в трудной жизненной ситуации: задолженность по "
                                   "коммунальным услугам, отсутствие постоянного дохода."),
    "other": (2, ("other", "citizen_complaint"), (None,),
              "Обращение гражданина о нарушении прав несовершеннолетнего."),
}

# Category -> (decision template, measure kinds in order of preference).
DECISIONS: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "administrative_offence": ("warning_individual_work", (
        "minor_individual_prevention", "minor_leisure_engagement", "parent_recommendation")),
    "socially_dangerous_act": ("register_put_on", (
        "minor_individual_prevention", "minor_psychological_help", "parent_warning")),
    "bullying_aggressor": ("school_bullying_submission", (
        "body_submission", "minor_psychological_help", "minor_individual_prevention")),
    "bullying_victim": ("school_bullying_submission", (
        "body_submission", "minor_psychological_help", "minor_school_recommendation")),
    "cyberbullying": ("school_bullying_submission", (
        "body_submission", "minor_psychological_help", "parent_recommendation")),
    "domestic_violence_victim": ("guardianship_petition", (
        "parent_petition_parental_rights", "minor_psychological_help",
        "parent_family_support_referral")),
    "neglect": ("parent_warning", (
        "parent_family_support_referral", "minor_individual_prevention",
        "parent_petition_admin_liability")),
    "truancy": ("warning_individual_work", (
        "minor_individual_prevention", "minor_school_recommendation", "parent_recommendation")),
    "running_away": ("register_put_on", (
        "minor_individual_prevention", "minor_psychological_help", "parent_recommendation")),
    "substance_use": ("register_put_on", (
        "minor_individual_prevention", "minor_psychological_help", "minor_leisure_engagement")),
    "self_harm_suicide_risk": ("family_support_referral", (
        "minor_psychological_help", "minor_school_recommendation",
        "parent_family_support_referral")),
    "family_difficult_situation": ("family_support_referral", (
        "parent_family_support_referral", "minor_leisure_engagement",
        "minor_individual_prevention")),
    "other": ("warning_individual_work", ("minor_individual_prevention",)),
}

# Measure kind -> (text, responsible body; "{school}" and "{place}" are filled in).
MEASURES: dict[str, tuple[str, str]] = {
    "minor_individual_prevention": (
        "Организовать индивидуальную профилактическую работу по утвержденному плану, "
        "закрепить сопровождающего специалиста.", "{school}"),
    "minor_psychological_help": (
        "Обеспечить консультации психолога (не менее четырех встреч) и представить "
        "заключение.", PSY),
    "minor_leisure_engagement": (
        "Вовлечь несовершеннолетнего в занятия спортивной секции или кружка, обеспечить "
        "летнюю занятость.", SPORT),
    "minor_school_recommendation": (
        "Усилить контроль за посещаемостью, закрепить наставника из числа педагогов.",
        "{school}"),
    "parent_warning": (
        "Провести с законным представителем разъяснительную работу об обязанностях по "
        "воспитанию.", POLICE),
    "parent_recommendation": (
        "Рекомендовать законному представителю усилить контроль за досугом и учебой "
        "ребенка; проверить исполнение по месту жительства.", POLICE),
    "parent_family_support_referral": (
        "Провести оценку потребностей семьи и оказать социальную и психологическую помощь.",
        FAMILY + " ({place})"),
    "parent_petition_admin_liability": (
        "Рассмотреть вопрос о привлечении законного представителя к административной "
        "ответственности по ст. 127 КоАП.", POLICE),
    "parent_petition_parental_rights": (
        "Рассмотреть вопрос об обращении в суд об ограничении родительских прав; "
        "обследовать условия жизни ребенка.", GUARD),
    "body_submission": (
        "Рассмотреть представление об устранении причин и условий травли, провести "
        "классные часы и тренинги по профилактике буллинга.", "{school}"),
    "minor_petition_adaptation_centre": (
        "Направить в суд ходатайство о помещении несовершеннолетнего в Центр адаптации "
        "несовершеннолетних.", POLICE),
    "body_assignment": ("Принять меры по устранению выявленных недостатков и представить "
                        "информацию в комиссию.", EDU),
}

# (title, reporter's body kind, bodies given assignments)
GENERAL: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("О состоянии работы по профилактике травли (буллинга) в организациях образования "
     "области", "education", (EDU, POLICE)),
    ("Об организации летней занятости и оздоровления несовершеннолетних", "employment",
     (EMPLOY, SPORT, AKIMATS)),
    ("О профилактике суицидального поведения среди подростков", "health", (HEALTH, EDU)),
    ("О работе по выявлению семей, находящихся в трудной жизненной ситуации",
     "guardianship", (EDU, EMPLOY, AKIMATS)),
    ("О профилактике правонарушений несовершеннолетних в ночное время", "internal_affairs",
     (POLICE, AKIMATS)),
    ("О работе центров поддержки семьи в районах и городах области", "employment",
     (EMPLOY, AKIMATS)),
    ("Об организации досуга несовершеннолетних, состоящих на профилактическом учете",
     "culture", (SPORT, EDU)),
    ("О профилактике кибербуллинга и безопасности детей в интернете", "internal_affairs",
     (POLICE, EDU)),
)

ORGANISATIONAL = {
    "plan": "Об утверждении плана работы комиссии на {year} год",
    "composition": "Об обновленном составе комиссии (постановление акимата области № {act})",
    "concept": "О региональном плане мероприятий по реализации Концепции «Дети Казахстана» "
               "на 2026–2030 годы",
    "report": "Об итогах работы комиссии за полугодие",
}
