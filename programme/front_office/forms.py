"""The entry form's fields and checks. Every message says what to fix, in Japanese then English."""

from __future__ import annotations

import re

from django import forms

from programme import quota

from . import corporate_number, validation
from .flows import LearnerEntry, Submission

MAX_LEARNERS = quota.LARGE_COMPANY_PLACES  # the form has this many learner blocks

INDUSTRIES = [
    ("", "選んでください / Choose"),
    ("介護", "介護 / Care work"),
    ("飲食料品製造業", "飲食料品製造業 / Food and drink manufacturing"),
    ("農業", "農業 / Agriculture"),
    ("漁業", "漁業 / Fishing"),
    ("建設", "建設 / Construction"),
    ("製造業", "製造業 / Manufacturing"),
    ("外食業", "外食業 / Restaurants"),
    ("宿泊", "宿泊 / Hotels and inns"),
    ("自動車整備", "自動車整備 / Car maintenance"),
    ("ビルクリーニング", "ビルクリーニング / Building cleaning"),
    ("自動車運送業", "自動車運送業 / Road transport"),
    ("その他", "その他 / Other"),
]
NATIONALITIES = [
    ("", "選んでください / Choose"),
    ("Viet Nam", "ベトナム / Viet Nam"),
    ("Indonesia", "インドネシア / Indonesia"),
    ("Philippines", "フィリピン / Philippines"),
    ("Myanmar", "ミャンマー / Myanmar"),
    ("Nepal", "ネパール / Nepal"),
    ("China", "中国 / China"),
    ("Cambodia", "カンボジア / Cambodia"),
    ("Thailand", "タイ / Thailand"),
    ("Sri Lanka", "スリランカ / Sri Lanka"),
    ("Bangladesh", "バングラデシュ / Bangladesh"),
    ("Mongolia", "モンゴル / Mongolia"),
    ("Other", "その他 / Other"),
]
RESIDENCE_STATUSES = [
    ("", "選んでください / Choose"),
    ("技能実習1号", "技能実習1号 / Technical Intern Training (i)"),
    ("技能実習2号", "技能実習2号 / Technical Intern Training (ii)"),
    ("技能実習3号", "技能実習3号 / Technical Intern Training (iii)"),
    ("育成就労", "育成就労 / Employment for Skill Development"),
    ("特定技能1号", "特定技能1号 / Specified Skilled Worker (i)"),
    ("特定技能2号", "特定技能2号 / Specified Skilled Worker (ii)"),
    ("技術・人文知識・国際業務",
     "技術・人文知識・国際業務 / Engineer, Specialist in Humanities, International Services"),
    ("特定活動", "特定活動 / Designated Activities"),
    ("永住者", "永住者 / Permanent Resident"),
    ("定住者", "定住者 / Long-Term Resident"),
    ("日本人の配偶者等", "日本人の配偶者等 / Spouse or Child of Japanese National"),
    ("その他", "その他 / Other"),
]
LEVELS = [
    ("", "なし・わからない / None or not sure"),
    ("N5", "JLPT N5"), ("N4", "JLPT N4"), ("N3", "JLPT N3"), ("N2", "JLPT N2"), ("N1", "JLPT N1"),
    ("JFT-A1", "JFT-Basic A1"), ("JFT-A2", "JFT-Basic A2"),
]
HELP_LANGUAGES = [
    ("", "選んでください / Choose"),
    ("vi", "Tiếng Việt（ベトナム語）"),
    ("id", "Bahasa Indonesia（インドネシア語）"),
    ("tl", "Tagalog（タガログ語）"),
    ("my", "မြန်မာ（ミャンマー語）"),
    ("en", "English（英語）"),
    ("ja", "日本語"),
]
REQUIRED = "入力してください。 / Please fill this in."
CHOOSE = "選んでください。 / Please choose one."
CHOOSE_LISTED = "一覧から選んでください。 / Choose from the list."
PHONE = re.compile(r"^(0\d{9,10}|\+81\d{9,10})$")


def _text(label: str, help_text: str = "", max_length: int = 200, required: bool = True) -> forms.CharField:
    return forms.CharField(label=label, help_text=help_text, max_length=max_length, required=required,
                           error_messages={"required": REQUIRED,
                                           "max_length": f"{max_length}文字以内にしてください。 / "
                                                         f"Use at most {max_length} characters."})


class _Cleaned:
    """Text fields through ``validation`` (no control, bidi or invisible-only text; deliverable e-mail)."""

    TEXT_FIELDS: tuple[str, ...] = ()
    EMAIL_FIELDS: tuple[str, ...] = ()

    def _clean_with(self, name, check):
        value = self.cleaned_data.get(name)
        if not value:
            return value
        try:
            return check(value)
        except ValueError as exc:
            self.add_error(name, str(exc))
            return value

    def _post_clean_fields(self):
        for name in self.TEXT_FIELDS:
            if name in self.cleaned_data:
                self.cleaned_data[name] = self._clean_with(
                    name, lambda v, n=name: validation.clean_text(v, self.fields[n].max_length))
        for name in self.EMAIL_FIELDS:
            if name in self.cleaned_data:
                self.cleaned_data[name] = self._clean_with(name, validation.clean_email)


def _choice(label: str, choices, help_text: str = "", required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, help_text=help_text, choices=choices, required=required,
                             error_messages={"required": CHOOSE, "invalid_choice": CHOOSE_LISTED})


class CompanyForm(_Cleaned, forms.Form):
    TEXT_FIELDS = ("company_name", "address", "support_name")
    EMAIL_FIELDS = ("support_email",)
    company_name = _text("企業名", "Company name")
    address = _text("所在地", "Address in Kagoshima Prefecture", max_length=300)
    corporate_number = forms.CharField(
        label="法人番号（13桁）", help_text="Corporate number, 13 digits (法人番号公表サイトで確認できます)",
        max_length=40, error_messages={"required": REQUIRED},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    employees = forms.IntegerField(
        label="従業員数", help_text="Employees: fewer than 30 → up to 3 learners; 30 or more → up to 5",
        min_value=1, max_value=1_000_000,
        error_messages={"required": REQUIRED, "invalid": "数字で入力してください。 / Enter a number.",
                        "min_value": "1以上の数を入力してください。 / Enter at least 1.",
                        "max_value": "正しい人数を入力してください。 / Enter the real number of employees."})
    industry = _choice("業種", INDUSTRIES, "Industry")
    support_name = _text("学習支援担当者の氏名", "Learning-support person's name (receives the login IDs)")
    support_email = forms.EmailField(
        label="担当者のメールアドレス", help_text="Their e-mail address", max_length=254,
        error_messages={"required": REQUIRED,
                        "invalid": "メールアドレスの形式が正しくありません（例: tanaka@example.co.jp）。 / "
                                   "Check the e-mail address (e.g. tanaka@example.co.jp)."})
    support_phone = forms.CharField(label="担当者の電話番号",
                                    help_text="Their phone number, e.g. 099-286-0000",
                                    max_length=30, error_messages={"required": REQUIRED},
                                    widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
    consent = forms.BooleanField(
        label="個人情報の取扱いに同意します", help_text="I agree to the privacy notice above",
        error_messages={"required": "同意いただかないと申請できません。 / "
                                    "Please agree to the privacy notice to apply."})

    def clean(self):
        self._post_clean_fields()
        return self.cleaned_data

    def clean_corporate_number(self):
        number = corporate_number.normalise(self.cleaned_data["corporate_number"])
        if len(number) != 13 or not number.isascii() or not number.isdigit():
            raise forms.ValidationError("法人番号は13桁の数字です。 / The corporate number has 13 digits.")
        if not corporate_number.is_valid(number):
            raise forms.ValidationError("法人番号が正しくありません（チェックデジット不一致）。"
                                        "番号をご確認ください。 / This corporate number is not valid "
                                        "(check digit): please check it.")
        return number

    def clean_support_phone(self):
        phone = re.sub(r"[\s\-‐－()（）]", "", self.cleaned_data["support_phone"])
        if not PHONE.match(phone):
            raise forms.ValidationError("電話番号は0から始まる10〜11桁で入力してください。 / "
                                        "Enter a Japanese phone number: 10–11 digits starting with 0.")
        return phone


class LearnerForm(_Cleaned, forms.Form):
    TEXT_FIELDS = ("name",)
    EMAIL_FIELDS = ("email",)
    name = _text("氏名（ローマ字）", "Name as on the residence card")
    nationality = _choice("国籍", NATIONALITIES, "Nationality")
    residence_status = _choice("在留資格", RESIDENCE_STATUSES, "Residence status")
    level = _choice("現在の日本語レベル", LEVELS, "Current JLPT / JFT-Basic level, if any", required=False)
    help_language = _choice("説明の言語", HELP_LANGUAGES, "Language for instructions and help")
    email = forms.EmailField(
        label="メールアドレス", help_text="Learner's e-mail", required=False,
        max_length=254,
        error_messages={"invalid": "メールアドレスの形式が正しくありません。 / Check the e-mail address."})

    def clean(self):
        self._post_clean_fields()
        return self.cleaned_data

    def is_blank(self) -> bool:
        """Nothing typed or chosen in this block: the company names fewer learners."""
        return not any((self.data.get(self.add_prefix(name)) or "").strip() for name in self.fields)

    def entry(self) -> LearnerEntry:
        data = self.cleaned_data
        return LearnerEntry(data["name"], data["nationality"], data["residence_status"], data["level"],
                            data["help_language"], data["email"])


class EntryForm:
    """The company's block and up to five learner blocks, checked together."""

    def __init__(self, data=None):
        self.company = CompanyForm(data)
        self.learners = [LearnerForm(data, prefix=f"l{n}") for n in range(1, MAX_LEARNERS + 1)]
        self.errors: list[str] = []

    def named(self) -> list[LearnerForm]:
        return [form for form in self.learners if not form.is_blank()]

    def is_valid(self) -> bool:
        valid = self.company.is_valid()
        named = self.named()
        for form in named:
            valid = form.is_valid() and valid
        self.errors += self._repeated(named)
        if not named:
            self.errors.append("学習者を1人以上入力してください。 / Name at least one learner.")
        elif self.company.is_valid():
            allowed = quota.company_quota(self.company.cleaned_data["employees"])
            if len(named) > allowed:
                self.errors.append(
                    f"従業員{self.company.cleaned_data['employees']}人の企業は学習者{allowed}人までです。"
                    f"{len(named)}人入力されています。 / A company of this size may have at most {allowed} "
                    f"learners; you named {len(named)}.")
        return valid and not self.errors

    @staticmethod
    def _repeated(named: list[LearnerForm]) -> list[str]:
        """One learner once per application: the same name (or e-mail) twice is refused."""
        problems, names, emails = [], {}, {}
        for n, form in enumerate(named, 1):
            if not form.is_valid():
                continue
            key = validation.same_person(form.cleaned_data["name"])
            if key in names:
                problems.append(f"学習者{names[key]}と学習者{n}は同じ人です。1人1回だけ入力してください。 / "
                                f"Learners {names[key]} and {n} are the same person: name each learner once.")
            names.setdefault(key, n)
            email = (form.cleaned_data.get("email") or "").lower()
            if email and email in emails:
                problems.append(f"学習者{emails[email]}と学習者{n}のメールアドレスが同じです。 / "
                                f"Learners {emails[email]} and {n} have the same e-mail address.")
            if email:
                emails.setdefault(email, n)
        return problems

    def submission(self) -> Submission:
        data = self.company.cleaned_data
        return Submission(
            data["company_name"], data["address"], data["corporate_number"], data["employees"],
            data["industry"],
            data["support_name"], data["support_email"], data["support_phone"],
            tuple(form.entry() for form in self.named()))

    def all_errors(self) -> list[dict]:
        """Every problem, one line each with the field it is about, for the summary at the top."""
        found = [{"id": "", "text": text} for text in self.errors]
        for form in [self.company, *self.named()]:
            if form.is_bound and form.errors:
                for name, messages in form.errors.items():
                    field = form[name] if name in form.fields else None
                    where = f"学習者{form.prefix[1:]}: " if form.prefix else ""
                    label = f"{field.label}: " if field else ""
                    found += [{"id": field.auto_id if field else "", "text": f"{where}{label}{message}"}
                              for message in messages]
        return found
