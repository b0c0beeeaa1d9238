"""The rules' documentation in French, for `budgetcheck explain CODE --lang fr`.

One entry per built-in code, with the sections of the English text (*Ce qu'elle fait / Pourquoi
/ Exemple*) and the same example lines, which quote documents and commands as they are
(tests/test_rule_codes.py checks both). A plugin's rules are explained in its own language."""

from __future__ import annotations

DOCS: dict[str, str] = {
    "BC101": """\
Les cellules d’une ligne doivent donner sa colonne Total.

## Ce qu’elle fait
Dans chaque tableau qui a une colonne de rôle `total`, additionne les colonnes de valeurs de
la ligne et compare la somme au total imprimé, sur les intervalles que permet la précision
imprimée. Une colonne qui n’imprime que des pourcentages ou des ratios (une part du total)
n’est pas additionnée.

## Pourquoi
Une ligne qui ne s’additionne pas est l’erreur de saisie la plus courante des tableaux d’un
plan. Des chiffres arrondis s’additionnent rarement au juste : la règle ne signale une erreur
que si aucun arrondi des chiffres imprimés n’explique l’écart, et une remarque si l’arrondi
l’explique.

## Exemple
    Total* 26,4 M$ 21,9 M$ 17,5 M$ 31,2 M$ 98,1 M$   ->  BC101 error (97,0 computed)
Les tableaux dont les colonnes de valeurs sont les quatre trimestres relèvent de BC103.""",
    "BC102": """\
Une ligne de total doit égaler la somme des lignes qu’elle totalise, colonne par colonne.

## Ce qu’elle fait
Pour chaque ligne de rôle `total` ou `subtotal`, additionne dans chaque colonne les lignes
qu’elle couvre (sa liste `sum_of`, ou les lignes depuis le total précédent) et compare au
chiffre imprimé.

## Pourquoi
Un total qui ne correspond pas à ses lignes signifie qu’une ligne a été ajoutée, retirée ou
modifiée après le calcul du total, ou que le total lui-même a été mal saisi.

## Exemple
    Opérations et administration 5,6 M$
    Total 95,6 M$      ->  BC102 error: 94,6 computed, 1,0 apart""",
    "BC103": """\
Les quatre trimestres d’une ligne de flux de trésorerie doivent donner l’année.

## Ce qu’elle fait
Dans les tableaux dont les colonnes de valeurs sont T1..T4 (ou Q1..Q4) suivies d’une colonne
Total, additionne les quatre trimestres de chaque ligne et compare au total annuel. Les
totaux de colonne (la ligne Total contre les lignes au-dessus) relèvent de BC102 : un tableau
trimestriel est vérifié dans les deux sens.

## Pourquoi
Les tableaux de flux de trésorerie sont ressaisis à chaque trimestre ; un trimestre modifié
sans l’année est une erreur courante, et une année qui ne correspond pas aux tableaux de
financement trompe chaque lecteur.

## Exemple
    ISDE — Phase 1*  17,6 M$  17,5 M$  14,1 M$  13,9 M$  63,2 M$
63,1 calculé contre 63,2 imprimé : dans les ±0,25 que permettent cinq chiffres arrondis, une
remarque.""",
    "BC104": """\
Deux lignes d’un même tableau ont la même clé.

## Ce qu’elle fait
Refuse, au chargement du plan (code de sortie 2), un tableau dont deux lignes ont la même
clé, en nommant la clé et les deux lignes.

## Pourquoi
Relations et références nomment les chiffres par (tableau, ligne, colonne) ; avec deux lignes
de même clé, une référence désignerait l’une d’elles sans le dire, et une vérification
pourrait réussir sur le mauvais chiffre. Les documents lus sans règles reçoivent des clés
uniques (« other », « other_2 ») : seuls les fichiers de plan peuvent la déclencher.

## Exemple
    [[tables.rows]] key = "phase1" ... [[tables.rows]] key = "phase1"
    plan.toml:40: BC104 tables.0: duplicate row key 'phase1' in table 't1' (rows 0 and 3): ...""",
    "BC105": """\
Une ligne imprime des chiffres dans certaines colonnes, mais pas dans toutes.

## Ce qu’elle fait
Signale chaque cellule laissée vide dans une ligne qui a des chiffres dans d’autres colonnes
(une ligne sans aucun chiffre est un intertitre et n’est pas vérifiée). Dans un état lu sans
règles, une colonne de pourcentages (« % du total ») n’est pas vérifiée non plus : les totaux
que trouve BC107 n’additionnent que des dollars.

## Pourquoi
Un chiffre absent n’est pas zéro : « 0 $ » ou « — » dit que rien n’était prévu, une cellule
vide ne dit rien. Les totaux qui en ont besoin ne peuvent être vérifiés : ils ne sont pas
comptés comme réussis.

## Exemple
    MEIE — Phase 1   5 M$   2,9 M$   (blank)   0 $   7,9 M$  ->  BC105 warning on T3""",
    "BC106": """\
Un chiffre a plus de décimales que la précision déclarée de son tableau.

## Ce qu’elle fait
Quand un tableau déclare une précision (`precision`, par exemple « 0,1 M$ »), signale les
chiffres écrits plus finement (« 1,03 M$ »).

## Pourquoi
Un chiffre avec une décimale de trop vient souvent d’une autre source, ou c’est un total saisi
avec un chiffre en trop ; et la tolérance du vérificateur suit les décimales écrites, de sorte
qu’un tel chiffre réduit aussi ce que l’arrondi peut expliquer.

## Exemple
    precision = "0,1 M$"   ...   1,03 M$   ->  BC106 warning""",
    "BC107": """\
Les totaux d’un état lu sans règles doivent être la somme de quelque chose au-dessus d’eux.

## Ce qu’elle fait
Dans les tableaux lus d’un état (`totals = "inferred"`), cherche ce que chaque ligne de total
additionne, comme les outils d’audit « trouvent toutes les sommes » : le bloc de lignes
au-dessus (depuis l’intertitre ou le total précédent), les lignes d’une section englobante,
le total précédent plus ou moins les lignes qui le suivent, ou une combinaison signée de deux
ou trois totaux antérieurs (« Dette nette » = « Total des passifs » − « Total des actifs
financiers »). Le premier candidat qui tient dans toutes les colonnes, sur les intervalles
d’arrondi des chiffres imprimés, est signalé comme relation *déduite*. Si aucun ne tient, le
plus proche est signalé comme erreur à la ligne du total, avec l’écart. Les lignes de rôle
`total` (le lecteur le donne aux lignes « Total … », « Sous-total … ») sont toujours des
totaux ; les lignes de résultat (« Coût net … », « Dette nette ministérielle », « Résultat
d’exploitation », « Excédent … », « … à la fin de l’exercice ») sont des totaux quand un
candidat tient ou s’en approche à 10 % près (une erreur de saisie), et des postes sinon. Un
total sans lignes à additionner (un état condensé imprime « Total des charges » seul) n’est
pas vérifié, mais les lignes de résultat suivantes peuvent le combiner ; de même pour un
« Total … » juste sous un total ou un résultat qu’aucun candidat n’explique dans aucune
colonne (un sommaire des chiffres clés imprime ainsi « Total des actifs »). Seuls les dollars
sont additionnés : une ligne de pourcentages ou une colonne « % du total » est laissée de
côté, et une colonne d’écarts (BC108 la vérifie en travers) n’est pas additionnée.

## Pourquoi
Les états arrivent sans règles. Leurs totaux disent pourtant ce qu’ils additionnent, et un
total qui ne correspond à aucun bloc de lignes ni à aucune combinaison de totaux antérieurs a
été mal saisi, ou ses lignes ont changé après son calcul.

## Exemple
    Total des charges     1 810 956    ->  BC107 error: nearest is the sum of the 6 rows
                                           « Salaires … » à « Autres charges », 1 810 965""",
    "BC108": """\
La colonne d’écarts d’un état doit être, ligne par ligne, une de ses colonnes moins une autre.

## Ce qu’elle fait
Dans les tableaux lus d’un état (`totals = "inferred"`), prend chaque colonne intitulée
« Écart », « Différence », « Variance », « Change » ou « … moins … », trouve les deux autres
colonnes dont elle imprime la différence sur la plupart de ses lignes (plus de la moitié), et
vérifie chaque ligne contre elles sur les intervalles d’arrondi des chiffres imprimés. La
relation est signalée comme *déduite* ; une ligne où elle échoue est une erreur, avec les
chiffres, l’écart et des pistes. Une colonne qu’aucune paire n’explique (une variation en
pourcentage, par exemple) est laissée de côté.

## Pourquoi
Les plans ministériels et les budgets impriment « prévu moins prévision » à côté des deux
chiffres ; quand l’un d’eux est révisé, l’écart reste souvent tel quel.

## Exemple
    Total expenses   602,911,230   588,405,117   (14,560,113)   ->  BC108 error:
    588,405,117 − 602,911,230 = (14,506,113); digits transposed?""",
    "BC109": """\
La colonne de total d’un tableau sommaire ne s’additionne pas sur une ligne.

## Ce qu’elle fait
Dans les tableaux lus d’un document (`totals = "inferred"`) à raison d’une ligne par entité,
trouve les colonnes de total par leurs intitulés et vérifie chaque ligne en travers, sur les
intervalles d’arrondi des chiffres imprimés : « Total des actifs » = « Total des passifs » +
« Capitaux propres » ; une colonne « Total … » = les deux colonnes ou plus depuis le total ou
le résultat précédent (« Crédits » + « Revenus (tiers) » = « Total des revenus »). Signalée
comme *déduite* ; une ligne où elle échoue est une erreur, avec les chiffres, l’écart et des
pistes.

## Pourquoi
Les tableaux sommaires des sociétés d’État, des programmes ou des fonds sont compilés à partir
des états de chaque entité, un chiffre à la fois ; un chiffre copié de la mauvaise ligne ou de
la mauvaise période rompt l’équilibre de sa ligne, ce qu’aucun total de colonne ne montre.

## Exemple
    Total assets 15,203   Total liabilities 8,061   Equity 7,412   ->  BC109 error:
    8,061 + 7,412 = 15,473; digits transposed?""",
    "BC110": """\
Le résultat net d’un tableau sommaire n’est pas, sur une ligne, ses revenus moins ses charges.

## Ce qu’elle fait
Dans un tableau lu d’un document dont les colonnes sont intitulées comme « Total des revenus |
Charges | Bénéfice net (perte nette) », vérifie sur chaque ligne que le résultat net est égal
aux revenus (à leur total s’il y en a un) moins les charges à sa gauche, sur les intervalles
d’arrondi des chiffres imprimés. La relation est signalée comme *déduite*.

## Pourquoi
Un avertissement, pas une erreur : les entreprises paient des impôts sur le revenu et
inscrivent des gains pour lesquels un tableau sommaire n’a pas de colonne, de sorte qu’une
ligne peut différer pour une raison que le tableau ne montre pas ; une erreur sur l’un des
trois chiffres se présente de la même façon, et une personne doit regarder.

## Exemple
    Revenues 322,678   Expenses 90,462   Net income 232,140   ->  BC110 warning:
    322,678 − 90,462 = 232,216 (income taxes or another item not in the table?)""",
    "BC111": """\
La colonne de variation en pourcentage d’un état doit être la variation de deux colonnes
rapportée à la plus ancienne.

## Ce qu’elle fait
Dans les tableaux lus d’un état (`totals = "inferred"`), prend chaque colonne de pourcentages
(intitulée « Variation en % », « % change », « Change (%) », « Percentage change » : ses
chiffres nus sont lus comme des pourcentages), trouve les deux colonnes en dollars dont elle
imprime la variation, (nouveau − ancien) / ancien, sur la plupart de ses lignes (plus de la
moitié), et vérifie chaque ligne sur les intervalles d’arrondi des chiffres imprimés (un
pourcentage imprimé à une décimale est connu à ±0,05 point). Une ligne dont le chiffre ancien
peut être nul n’est pas vérifiée. Signalée comme *déduite* ; une ligne où elle échoue est une
erreur.

## Pourquoi
Budgets et rapports annuels impriment la variation à côté des deux années ; quand un chiffre
est révisé, c’est le pourcentage qu’on oublie, et aucun total ne le montre.

## Exemple
    Transportation   9,300   9,145   155   1.9   ->  BC111 error: (9,300 − 9,145) / 9,145
    = 1.69 %, 1.9 % printed""",
    "BC112": """\
Une ligne d’un état dont les chiffres peuvent se grouper de plus d’une façon.

## Ce qu’elle fait
Les états en français groupent les chiffres par une espace, et séparent les colonnes par une
espace quand la page est copiée en texte : « 10 216 400 » dans une ligne de deux colonnes peut
être 10 216 et 400, ou 10 et 216 400. Le lecteur retient le groupement, un chiffre par
colonne, qui s’aligne sur le bord droit des colonnes ; quand un autre groupement s’aligne
aussi (ou qu’aucun bord n’est connu), cet avertissement nomme la ligne et chaque lecture, et
dit avec laquelle les totaux ont été vérifiés.

## Pourquoi
Deviner sans le dire produirait une fausse erreur sur un total, ou en cacherait une vraie.
Une personne qui voit la page tranche en une seconde ; le vérificateur ne le peut pas.

## Exemple
    Salaires 1 234 567 890     ->  BC112 warning: “1 234” | “567 890” (kept) or
                                   “1 234 567” | “890”""",
    "BC113": """\
Un chiffre imprimé avec une espace parasite dans son groupement, lu comme un seul chiffre.

## Ce qu’elle fait
« 4,059, 360 » : « 4,059, » n’est pas un chiffre ; le lecteur le joint au groupe de trois
chiffres qui suit et lit 4,059,360, comme l’exigent les colonnes de la ligne. Cette remarque
nomme la ligne et le chiffre tel qu’imprimé, pour qu’une personne le confirme.

## Pourquoi
Les pages copiées d’un PDF ou d’un traitement de texte coupent les chiffres à leurs virgules.
Écarter le chiffre coupé décalerait d’une colonne tous les chiffres suivants et crierait au
loup sur les totaux ; le joindre sans le dire cacherait une faute de frappe.

## Exemple
    Total expenses   4,059, 360   3,990,120   ->  BC113 note: read as 4,059,360""",
    "BC114": """\
La plage =SOMME d’un total doit couvrir les lignes qu’il totalise, et elles seules.

## Ce qu’elle fait
Dans un tableau lu d’un classeur, prend chaque chiffre calculé comme la somme d’une plage de
sa propre colonne (`=SUM(B4:B8)`) et compare la plage au bloc de lignes juste au-dessus du
total (jusqu’à un intertitre, un autre total, ou un chiffre qui est lui-même une formule).
Elle signale une ligne du bloc que la plage omet, et une ligne que la plage additionne alors
qu’elle est elle-même la SOMME de lignes que la plage additionne aussi.

## Pourquoi
Une ligne insérée à la fin d’un bloc, hors de la plage, est l’erreur classique des tableurs :
la feuille affiche toujours un total, calculé sans la ligne. Les montants le montrent rarement,
sauf si un autre tableau reprend le total ; la formule, elle, le montre.

## Exemple
    B4 100   B5 50   B6 25   B7 =SUM(B4:B5) 150   ->  BC114 error at Budget!B7:
    the range leaves out row 6 (“Library”, 25)
Une ligne omise dont tous les chiffres sont nuls est un avertissement : le total est juste,
pour l’instant.""",
    "BC201": """\
Une relation déclarée entre des chiffres ne tient pas.

## Ce qu’elle fait
Évalue chaque expression `[[relations]]` du fichier de plan (par exemple
`t3[phase1] == t4[isde_phase1] + t4[meie_phase1]`) sur les intervalles que permet la
précision imprimée : une erreur quand aucun arrondi des chiffres imprimés ne la rend vraie,
une remarque quand l’arrondi explique l’écart.

## Pourquoi
Les plans reprennent le même argent dans plusieurs tableaux et notes ; les tableaux divergent
quand l’un d’eux est révisé. Ces relations sont ce qu’un auditeur coche à la main.

## Exemple
    t4_3star[surplus] == t4[total] - t3[total]
51 000 $ imprimé, 0,1 M$ calculé : 94,7 et 94,6 sont chacun arrondis à ±0,05 M$, donc l’écart
(49 000 $) est dans les ±100 500 $ — une remarque, pas une erreur.""",
    "BC202": """\
Une relation déclarée ne peut être vérifiée à partir des chiffres imprimés.

## Ce qu’elle fait
Signalée par la même évaluation que BC201 quand une relation a besoin d’une cellule que le
tableau laisse vide, ou divise par une valeur dont l’intervalle contient zéro.

## Pourquoi
Dire « réussie » d’une relation qui n’a pu être évaluée cacherait justement les lacunes qu’un
auditeur doit voir ; dire « erreur » crierait au loup. Un avertissement demande à une personne
de regarder.

## Exemple
    t5[meie_phase1, T3] == '0 $'     with T3 left blank  ->  BC202 warning""",
    "BC301": """\
Une somme énoncée dans le texte ne s’additionne pas.

## Ce qu’elle fait
Vérifie les énoncés de la forme « 151 M$ de projets, dont 99 M$ de l’industrie et 52 M$ de
fonds publics » (`total == industrie + public`), avec leurs atténuations : *environ / about /
près de / nearly* élargissent un chiffre d’une unité de son dernier chiffre significatif
(« environ 70 » va de 60 à 80) ; *au moins / at least / plus de / more than* en font une
borne. Dans un document lu sans règles, un résultat approché (« ce qui nous laisse un déficit
d’environ 70 M$ », « a shortfall of about $70 million ») est rattaché aux deux ou trois
chiffres imprimés juste avant dont la somme ou la différence est la plus proche
(230 − 219 + 60 = 71) ; quels chiffres, c’est la lecture du vérificateur : un résultat
qu’aucun d’eux ne donne est un avertissement, non une erreur. Un surplus qu’une note énonce
sur un total (« Le surplus prévu … est de 51 000 $ ») est ce total moins celui du tableau des
dépenses. Un flux de trésorerie dont le total porte la note d’un montant dû (« l’ISDE devait
2,4 M$ ») est le total du tableau qui imprime le plus de ses chiffres, plus la ligne de ce qui
est dû (97,1 = 94,7 + 2,4) ; une ligne dont la note inclut la ligne d’un autre tableau
(« incluant le MEIE pour la phase 1 (7,9 M$) ») est cette ligne plus l’unique autre ligne de
cet autre tableau aux mêmes mots (71,1 = 63,2 + 7,9). Ce sont aussi des lectures : un
avertissement quand elles ne tiennent pas.

## Pourquoi
Les chiffres du texte sont saisis à part des tableaux, et ce sont ceux que les lecteurs citent.

## Exemple
    "au moins 100 millions de dollars (35 millions de Scale AI et 65 millions de l'industrie)"
35 + 65 = 100 : tient.""",
    "BC302": """\
Un pourcentage énoncé dans le texte n’est pas la part que donnent ses chiffres.

## Ce qu’elle fait
Vérifie les énoncés « A sur B (P %) » : `part == partie / tout`. Un pourcentage imprimé est un
quotient arrondi : « 95 % » tient si le quotient exact des chiffres imprimés s’arrondit à
95 % ; ce n’est une erreur que si même l’arrondi de A et de B ne peut atteindre P. Dans un
document lu sans règles, une fraction dite en mots (« 30 M$, soit le tiers des 90 M$ »,
« $30 million, a third of it ») est la part qu’elle nomme, au pour cent près ('33 %') ; une
fraction se dit à peu près : cet énoncé est un avertissement, non une erreur, quand il ne
tient pas.

## Pourquoi
Chaque lecteur qui a les deux chiffres recalcule la part ; une part fausse se remarque.

## Exemple
    "219 millions de dollars des 230 millions de dollars disponibles (95 %)"
219 / 230 = 95,2 %, qui s’arrondit à 95 % : tient.""",
    "BC303": """\
Un ratio énoncé dans le texte (« 1,6 $ par dollar ») n’est pas ce que donnent ses chiffres.

## Ce qu’elle fait
Vérifie les énoncés de ratio dont le numérateur et le dénominateur sont tous deux imprimés.
Quand l’un d’eux ne l’est pas, l’énoncé suppose une valeur (BC306). Dans un document lu sans
règles, un effet de levier sur une base imprimée (« 308 M$, un effet de levier de 1,6 sur les
192,5 M$ », « a leverage of 1.6 on the $192.5 million ») et une variation par rapport à une
base imprimée (« $151 million, up 12% from $135 million », « en hausse de 12 % par rapport aux
135 M$ ») sont de tels ratios.

## Pourquoi
Les effets de levier sont des chiffres de manchette ; ils doivent découler des montants qu’ils
résument.

## Exemple
    "308 M$ from industry ... 1,6 $ per dollar of the 192 M$ spent"   ->  holds""",
    "BC304": """\
Des parties énoncées comme un tout ne font pas le tout (85 % + 15 % = 100 %).

## Ce qu’elle fait
Vérifie les énoncés dont les parties doivent s’additionner à un tout, le plus souvent 100 %.

## Pourquoi
« 85 % traitées, les 20 % restantes » est une erreur qu’un lecteur voit aussitôt.

## Exemple
    "Nous avons traité 85 % des demandes ... les 15 % de demandes restantes"  ->  holds""",
    "BC305": """\
Une comparaison énoncée dans le texte (au moins, plus de, égal à un tableau) ne tient pas.

## Ce qu’elle fait
Vérifie les énoncés qui reprennent ou bornent un autre chiffre du plan, comme « au moins
2,5 M$ » qui reprend un objectif, et, dans un document lu sans règles, une partie contre son
tout : « 1,48 milliard de dollars, dont 533,4 millions » (`partie <= tout`), ou les parties
accordées phrase après phrase contre le tout dont elles découlent (« une somme de
4 348 000 $ … une enveloppe de 252 000 $ … découlent du Plan … un montant global de 9 M$ »).
Quels chiffres sont ces parties, c’est la lecture du vérificateur : cet énoncé est un
avertissement, non une erreur, quand il ne tient pas. Un chiffre qu’une note reprend d’un
tableau doit lui être égal : « … les projets des phases 1 et 2 totalisant 82,8 M$ » nomme
chaque mot de la ligne « Contreparties de l’industrie — Phase 1 et 2 ». De même, un chiffre
qu’une note dit dû (« l’ISDE devait 2,4 M$ ») doit égaler l’unique ligne marquée de son renvoi
qui tient ce qui est dû (« ISDE — compte débiteur exercice financier 2023* »). Une quantité
énoncée deux fois, avec les mêmes six mots avant elle et trois après dans sa phrase (« … lui a
octroyé un financement de plus de 2 milliards de dollars pour soutenir de … »), doit être la
même les deux fois (un avertissement sinon : une phrase peut répéter ses mots pour un autre
exercice).

## Pourquoi
Les chiffres repris divergent quand un seul endroit est révisé ; une partie imprimée plus
grande que son tout a perdu une virgule ou gagné un chiffre.

## Exemple
    "déployer au moins 2,5 millions de dollars"  vs  the objective's 2,5 M$  ->  holds""",
    "BC306": """\
Un énoncé repose sur un chiffre que le plan n’imprime pas ; le vérificateur le calcule.

## Ce qu’elle fait
Pour un énoncé à une inconnue (`unknown = "spent"` dans `industry == ratio * spent`), résout
l’inconnue sur des intervalles et cherche un chiffre imprimé de cette valeur. S’il n’y en a
pas : un avertissement avec la valeur supposée, son intervalle, et ce qu’auraient donné les
chiffres candidats.

## Pourquoi
« 1,6 $ de l’industrie pour chaque dollar de financement de Scale AI dépensé » ne peut être
vérifié que si les dollars dépensés sont imprimés ; l’avertissement dit au lecteur quel
chiffre l’énoncé suppose.

## Exemple
    308 M$ / 1,6 implies 192,5 M$ (186,7..198,7); no figure of the plan has that value:
    219 M$ − 60 M$ = 159 M$ gives 1,94; 219 M$ gives 1,41; 230 M$ gives 1,34.""",
    "BC307": """\
Un objectif énoncé dans le texte ne concorde pas avec les tableaux (peut-être une différence
de portée).

## Ce qu’elle fait
Compare un objectif énoncé dans le texte (« engager 10 millions de dollars ... soins de
santé ») au chiffre du tableau qui devrait le porter. Un désaccord est un avertissement, pas
une erreur : l’objectif peut couvrir plusieurs exercices ou inclure de l’argent que le tableau
exclut. Dans un document lu sans règles, le chiffre d’une phrase dont la proposition nomme
chaque mot du libellé d’une ligne est comparé à cette ligne : « 10 M$ … dans le cadre de la
Stratégie pancanadienne en matière d’IA » à la ligne « Stratégie pancanadienne en matière
d’IA » du tableau 3.

## Pourquoi
Un lecteur qui voit 10 M$ dans les objectifs et 3,6 M$ dans le tableau demandera pourquoi ; le
plan devrait le dire.

## Exemple
    objective 2: 10 M$  vs  Tableau 1, Stratégie pancanadienne 3,6 M$  ->  BC307 warning""",
    "BC308": """\
Un énoncé du fichier de règles ne se trouve plus dans le document.

## Ce qu’elle fait
Avec `--rules`, chaque énoncé déclaré est cherché dans les phrases du document (ses chiffres
peuvent avoir changé, pas sa formulation). Un énoncé dont la phrase est introuvable est
signalé au lieu d’être vérifié avec les anciens chiffres du fichier de règles.

## Pourquoi
Vérifier la phrase de l’an dernier contre les tableaux de cette année réussirait ou échouerait
pour de mauvaises raisons ; le lecteur doit savoir que l’énoncé n’a pas été vérifié.

## Exemple
    budgetcheck check --rules plan-2023.toml plan-2024.txt
    -> BC308 warning: claim committed_share (line 102) was not found in plan-2024.txt""",
    "BC901": """\
Le fichier ne peut être lu comme un plan.

## Ce qu’elle fait
Signale un chemin qui n’existe pas, un dossier sans fichier de plan, un fichier illisible, qui
n’est pas du texte UTF-8, vide ou plus grand que la limite d’entrée (le message donne la
limite), et un type de fichier qu’aucun lecteur ne connaît.

## Pourquoi
Pre-commit s’exécute sur tout ce qui est validé ; le vérificateur doit dire en une ligne ce qui
ne va pas dans quel fichier, et sortir avec le code 2, plutôt qu’échouer avec une trace.

## Exemple
    budgetcheck check plan.toml   ->   plan.toml: BC901 file is not UTF-8 text (byte 0xff at offset 12)""",
    "BC902": """\
Le fichier de plan n’est pas du TOML ou du JSON valide.

## Ce qu’elle fait
Signale le message de l’analyseur avec la ligne (et la colonne) où l’analyse s’est arrêtée.

## Pourquoi
Un plan qui ne s’analyse pas ne peut être vérifié du tout ; la ligne épargne une recherche à
son auteur.

## Exemple
    plan.toml:12: BC902 invalid TOML: Expected '=' after a key in a key/value pair (at line 12, column 9)""",
    "BC903": """\
Le fichier de plan s’analyse, mais n’a pas la forme d’un plan.

## Ce qu’elle fait
Signale les types erronés, les clés inconnues (fautes de frappe), les champs obligatoires
manquants, les identifiants en double et les chiffres illisibles, avec le chemin dans les
données (tables.2.rows.5.cells.T1) et la ligne correspondante.

## Pourquoi
Une clé inconnue est d’ordinaire une faute de frappe qui retirerait sans bruit un chiffre de
toutes les vérifications.

## Exemple
    plan.toml:40: BC903 tables.0.rows.2.celss: unknown key (a typo?); this key is not part of the plan format""",
    "BC904": """\
Un chiffre ne peut être lu comme un montant.

## Ce qu’elle fait
Signale les textes de chiffre sans nombre, les unités inconnues (« 12 Z$ »), les chiffres mal
groupés (« 1 23 456 ») ou les nombres au-delà de ce qu’un budget demande (plus de 30 chiffres,
au-delà de 10^18).

## Pourquoi
Un chiffre que le vérificateur ne peut lire disparaîtrait sinon de tous les totaux dont il
fait partie.

## Exemple
    plan.toml:33: BC904 tables.0.rows.1.cells.T1.text: unknown unit 'Z$' in '1,5 Z$'""",
    "BC905": """\
Une relation ou un énoncé utilise quelque chose hors du langage des relations.

## Ce qu’elle fait
Les relations sont analysées avec le module `ast` de Python et reconstruites à partir d’une
liste blanche (+, -, *, /, sum(), comparaisons, références, montants). L’accès aux attributs,
les appels, les lambdas, les compréhensions, `**`, les noms commençant par `__` et les
expressions trop longues ou trop profondes sont refusés par leur nom.

## Pourquoi
Les fichiers de règles viennent de nombreuses mains ; une expression ne doit jamais pouvoir
exécuter du code.

## Exemple
    relations.0.expr: '__import__('os')': function calls other than sum() are not allowed""",
    "BC906": """\
Une relation nomme un tableau, une ligne, une colonne ou un chiffre que le plan n’a pas.

## Ce qu’elle fait
Résout chaque référence de chaque relation et de chaque énoncé au chargement du plan.

## Pourquoi
Une référence à une ligne renommée ferait sinon disparaître une vérification sans bruit.

## Exemple
    relations.3.expr: t4[autre]: table 't4' has no row 'autre'""",
    "BC907": """\
Une relation additionne ou compare des dollars et un nombre pur.

## Ce qu’elle fait
Vérifie au chargement du plan les unités des deux côtés de chaque relation : des dollars avec
des dollars, des ratios et des pourcentages avec des nombres purs.

## Pourquoi
« t1[total] == 95 % » compare de l’argent à une part ; c’est une erreur de la règle, pas du
plan.

## Exemple
    relations.0.expr: '+' mixes dollars and a pure number (ratio or percentage)""",
    "BC908": """\
Le rapport, la référence ou le schéma ne peut être écrit.

## Ce qu’elle fait
Signale un chemin `-o` ou `--write-baseline` qui est un dossier, qui se trouve dans un dossier
inexistant, ou qui ne peut être écrit, avant que rien ne soit écrit (code de sortie 2).

## Pourquoi
Le vérificateur n’écrit que ce qu’on lui demande, et seulement des fichiers entiers : il écrit
un fichier temporaire à côté de la cible puis le renomme, de sorte qu’une exécution
interrompue laisse l’ancien fichier intact.

## Exemple
    budgetcheck check -o reports/   ->   reports: BC908 is a directory; give a file name ...""",
}

#: The section headings of a French rule doc, by their English names.
HEADINGS = {"## What it does": "## Ce qu’elle fait", "## Why": "## Pourquoi",
            "## Example": "## Exemple"}
