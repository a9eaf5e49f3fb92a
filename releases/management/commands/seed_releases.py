import random
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from pressroom import statistics
from pressroom.languages import CHINESE, ENGLISH
from releases import events
from releases.models import Contact, Release, ReleaseTranslation, Topic

# Paired vocabularies keep the two translations of a synthetic release saying the same thing.
TOPICS = [
    ("drug-enforcement", "緝毒", "Drug enforcement"),
    ("intellectual-property", "保護知識產權", "Intellectual property"),
    ("anti-smuggling", "反走私", "Anti-smuggling"),
    ("consumer-protection", "保障消費者權益", "Consumer protection"),
    ("trade-facilitation", "貿易便利", "Trade facilitation"),
    ("aeo", "認可經濟營運商", "Authorised Economic Operator"),
]
GOODS = [
    ("冰毒", "methamphetamine"),
    ("可卡因", "cocaine"),
    ("大麻", "cannabis"),
    ("私煙", "illicit cigarettes"),
    ("冒牌手袋", "counterfeit handbags"),
    ("冒牌手錶", "counterfeit watches"),
    ("未完税紅酒", "duty-not-paid wine"),
    ("瀕危物種", "endangered species"),
]
PLACES = [
    ("香港國際機場", "Hong Kong International Airport"),
    ("落馬洲管制站", "Lok Ma Chau Control Point"),
    ("葵涌貨櫃碼頭", "Kwai Chung Container Terminals"),
    ("港珠澳大橋香港口岸", "Hong Kong Port of the Hong Kong-Zhuhai-Macao Bridge"),
    ("深圳灣管制站", "Shenzhen Bay Control Point"),
    ("屯門內河碼頭", "Tuen Mun River Trade Terminal"),
]
EVENTS = [
    ("論壇", "symposium"),
    ("研討會", "seminar"),
    ("交流會", "exchange meeting"),
    ("宣傳活動", "publicity campaign"),
]
PARTNERS = [
    ("東盟", "ASEAN"),
    ("澳門海關", "Macao Customs Service"),
    ("國家海關總署", "the General Administration of Customs"),
    ("世界海關組織", "the World Customs Organization"),
]


def seizure(rng: random.Random) -> tuple[dict, dict]:
    (goods_zh, goods_en), (place_zh, place_en) = rng.choice(GOODS), rng.choice(PLACES)
    amount, value, arrested = rng.randint(2, 900), rng.randint(1, 500), rng.randint(1, 6)
    zh = {
        "title": f"海關在{place_zh}檢獲懷疑{goods_zh}",
        "body": (
            f"香港海關在{place_zh}檢獲約{amount}公斤懷疑{goods_zh}，估計市值約{value}萬元。"
            f"海關拘捕{arrested}名人士，案件仍在調查中。\n\n"
            f"海關會繼續根據風險評估及情報分析，在各口岸打擊走私活動。"
            f"市民可致電海關二十四小時舉報熱線舉報懷疑走私活動。"
        ),
    }
    en = {
        "title": f"Customs seizes suspected {goods_en} at {place_en}",
        "body": (
            f"Hong Kong Customs seized about {amount} kilograms of suspected {goods_en} "
            f"with an estimated market value of about ${value}0,000 at {place_en}. "
            f"{arrested} person(s) were arrested and the investigation is ongoing.\n\n"
            f"Customs will continue to combat smuggling activities at all control points "
            f"through risk assessment and intelligence analysis. Members of the public may "
            f"report suspected smuggling activities to the Customs 24-hour hotline."
        ),
    }
    return zh, en


def event(rng: random.Random) -> tuple[dict, dict]:
    (event_zh, event_en), (partner_zh, partner_en) = rng.choice(EVENTS), rng.choice(PARTNERS)
    guests = rng.randint(30, 400)
    zh = {
        "title": f"海關與{partner_zh}舉辦{event_zh}",
        "body": (
            f"香港海關與{partner_zh}舉辦{event_zh}，約{guests}名來自政府、商界及商會的代表出席。\n\n"
            f"{event_zh}促進各方在貿易便利及供應鏈安全方面的合作。"
        ),
    }
    en = {
        "title": f"Customs holds {event_en} with {partner_en}",
        "body": (
            f"Hong Kong Customs held a {event_en} with {partner_en}, attended by about "
            f"{guests} representatives of government, business and trade associations.\n\n"
            f"The {event_en} strengthened co-operation on trade facilitation and supply "
            f"chain security."
        ),
    }
    return zh, en


class Command(BaseCommand):
    help = (
        "Create N synthetic published bilingual releases spread over 20 years, with topics, "
        "for benchmarks. Adds to what is there."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("count", type=int, help="how many releases to create")
        parser.add_argument("--seed", type=int, default=2023, help="random seed (repeatable)")
        parser.add_argument("--batch", type=int, default=2000, help="rows per insert")

    def handle(self, *args, count: int, seed: int, batch: int, **options) -> None:
        rng = random.Random(seed)
        topics = self.topics()
        contact = Contact.default()
        now = timezone.now()
        twenty_years = 20 * 365 * 24 * 3600
        Through = Release.topics.through
        created = 0
        while created < count:
            size = min(batch, count - created)
            with transaction.atomic():
                releases = Release.objects.bulk_create(
                    Release(
                        status=Release.Status.PUBLISHED,
                        publish_at=now - timedelta(seconds=rng.randrange(twenty_years)),
                        contact=contact,
                    )
                    for _ in range(size)
                )
                translations, links = [], []
                for release in releases:
                    zh, en = (seizure if rng.random() < 0.7 else event)(rng)
                    release.slug = f"release-{release.pk}"
                    translations.append(
                        ReleaseTranslation(master=release, language_code=CHINESE, **zh)
                    )
                    translations.append(
                        ReleaseTranslation(master=release, language_code=ENGLISH, **en)
                    )
                    links.append(Through(release=release, topic=rng.choice(topics)))
                Release.objects.bulk_update(releases, ["slug"])
                ReleaseTranslation.objects.bulk_create(translations)
                Through.objects.bulk_create(links)
                # bulk_create sends no signals: the search index learns of the batch from
                # this event, and the page cache once the batch commits.
                events.loaded([release.pk for release in releases])
            created += size
            self.stdout.write(f"{created}/{count}")
        analysed = statistics.analyze()
        self.stdout.write(self.style.SUCCESS(f"Created {count} releases{analysed}."))

    def topics(self) -> list[Topic]:
        topics = []
        for slug, zh, en in TOPICS:
            topic, created = Topic.objects.get_or_create(slug=slug)
            if created:
                topic.set_current_language(CHINESE)
                topic.name = zh
                topic.set_current_language(ENGLISH)
                topic.name = en
                topic.save()
            topics.append(topic)
        return topics
