//! The citation registry: every citation id the rules use resolves here to a full reference taken
//! from the seed document, `clinical-evidence.md` or `clinical-evidence-2.md`. Only what the
//! digests support is printed: identifiers (PMID, DOI), authors, volume and pages are left out
//! rather than guessed where the digests do not give them, and a reference the digests cannot
//! complete is replaced by one they can wherever a complete one supports the same statement.

use serde::{Serialize, Serializer};

/// A full bibliographic reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Reference {
    /// The citation id.
    pub id: CitationId,
    /// Authors as verified ("et al." where truncated); empty when not verified.
    pub authors: &'static str,
    /// Title of the work.
    pub title: &'static str,
    /// Journal or publisher, with volume and pages where verified.
    pub source: &'static str,
    /// Year of publication.
    pub year: u16,
    /// PubMed id, where verified.
    pub pmid: Option<&'static str>,
    /// DOI, where verified.
    pub doi: Option<&'static str>,
    /// What this source supports in the rules.
    pub used_for: &'static str,
}

impl Reference {
    /// A link for the reader: the DOI resolver, else PubMed, else none.
    #[must_use]
    pub fn url(&self) -> Option<String> {
        let (prefix, id, suffix) = match (self.doi, self.pmid) {
            (Some(doi), _) => ("https://doi.org/", doi, ""),
            (None, Some(pmid)) => ("https://pubmed.ncbi.nlm.nih.gov/", pmid, "/"),
            (None, None) => return None,
        };
        let mut url = String::with_capacity(prefix.len() + id.len() + suffix.len());
        url.push_str(prefix);
        url.push_str(id);
        url.push_str(suffix);
        Some(url)
    }
}

macro_rules! citations {
    ( $( $Variant:ident = $id:literal {
            authors: $authors:literal, title: $title:literal, source: $source:literal,
            year: $year:literal, pmid: $pmid:expr, doi: $doi:expr, used_for: $used:literal $(,)?
        } )+ ) => {
        /// A citation id. Every id resolves to a [`Reference`] with [`CitationId::reference`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u32)]
        pub enum CitationId {
            $( #[doc = $title] $Variant ),+
        }

        impl CitationId {
            /// Every citation id, in registry order.
            pub const ALL: &'static [CitationId] = &[ $( CitationId::$Variant ),+ ];

            /// The stable string id.
            #[must_use]
            pub const fn id(self) -> &'static str {
                match self { $( CitationId::$Variant => $id ),+ }
            }

            /// The full reference.
            #[must_use]
            pub const fn reference(self) -> Reference {
                match self { $( CitationId::$Variant => Reference {
                    id: CitationId::$Variant, authors: $authors, title: $title, source: $source,
                    year: $year, pmid: $pmid, doi: $doi, used_for: $used,
                } ),+ }
            }

            /// Parses a string id.
            #[must_use]
            pub fn from_id(id: &str) -> Option<Self> {
                match id { $( $id => Some(CitationId::$Variant), )+ _ => None }
            }

            /// The stable numeric code (position in [`CitationId::ALL`]).
            #[must_use]
            pub const fn code(self) -> u32 {
                self as u32
            }
        }
    };
}

impl core::fmt::Display for CitationId {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for CitationId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

citations! {
    Seed = "seed" {
        authors: "Dr.Oracle Medical Advisory Board & Editors",
        title: "Can cervical spinal stenosis cause leg problems? (guideline-backed summary; cites Praxis Medical Insights 2025)",
        source: "Dr.Oracle", year: 2025, pmid: None, doi: None,
        used_for: "The source document: leg presentations of cervical stenosis, imaging triggers, differential, management by severity, clinical pitfalls",
    }
    Fehlings2017Guideline = "fehlings2017_guideline" {
        authors: "Fehlings MG, Tetreault LA, Riew KD, et al.",
        title: "A clinical practice guideline for the management of patients with degenerative cervical myelopathy: recommendations for patients with mild, moderate, and severe disease and nonmyelopathic patients with evidence of cord compression",
        source: "Global Spine J. 7(3 Suppl):70S-83S", year: 2017,
        pmid: Some("29164035"), doi: Some("10.1177/2192568217701914"),
        used_for: "AO Spine/CSRS guideline: surgery for moderate and severe DCM; surgery or supervised rehabilitation for mild; no prophylactic surgery for non-myelopathic compression",
    }
    Tetreault2017Mjoa = "tetreault2017_mjoa" {
        authors: "Tetreault L, Kopjar B, Nouri A, et al.",
        title: "The modified Japanese Orthopaedic Association scale: establishing criteria for mild, moderate and severe impairment in patients with degenerative cervical myelopathy",
        source: "Eur Spine J. 26(1):78-84", year: 2017,
        pmid: Some("27342612"), doi: Some("10.1007/s00586-016-4660-8"),
        used_for: "mJOA severity classes: mild 15-17, moderate 12-14, severe 0-11",
    }
    Fehlings2013Consensus = "fehlings2013_consensus" {
        authors: "Fehlings MG, Wilson JR, Yoon ST, Rhee JM, Shamji MF, Lawrence BD",
        title: "Symptomatic progression of cervical myelopathy and the role of nonsurgical management: a consensus statement",
        source: "Spine. 38(22 Suppl 1):S19-S20", year: 2013,
        pmid: Some("23963011"), doi: Some("10.1097/BRS.0b013e3182a7f4de"),
        used_for: "Non-operative care has a role only in mild myelopathy",
    }
    RothAcrMyelopathy = "roth_acr_myelopathy" {
        authors: "Roth CJ, Angevine PD, Aulino JM, et al.",
        title: "ACR Appropriateness Criteria Myelopathy",
        source: "J Am Coll Radiol. 13(1):38-44", year: 2016, pmid: None, doi: Some("10.1016/j.jacr.2015.10.004"),
        used_for: "MRI without contrast is the modality of choice for non-traumatic myelopathy",
    }
    Cook2010Cpr = "cook2010_cpr" {
        authors: "Cook C, Brown C, Isaacs R, Roman M, Davis S, Richardson W",
        title: "Clustered clinical findings for diagnosis of cervical spine myelopathy",
        source: "J Man Manip Ther. 18(4):175-180", year: 2010,
        pmid: Some("22131790"), doi: Some("10.1179/106698110X12804993427045"),
        used_for: "Clinical prediction rule (gait deviation, Hoffmann, inverted supinator, Babinski, age > 45): 0 of 5 LR- 0.18; 3 or more of 5 LR+ 30.9; derivation prevalence 35.3%",
    }
    Cook2011Review = "cook2011_review" {
        authors: "Cook CE, Wilhelm M, Cook AE, Petrosino C, Isaacs R",
        title: "Clinical tests for screening and diagnosis of cervical spine myelopathy: a systematic review",
        source: "J Manipulative Physiol Ther. 34(8):539-546", year: 2011,
        pmid: Some("21899892"), doi: Some("10.1016/j.jmpt.2011.08.008"),
        used_for: "Myelopathy tests are specific but insensitive",
    }
    Rhee2009 = "rhee2009" {
        authors: "Rhee JM, Heflin JA, Hamasaki T, Freedman B",
        title: "Prevalence of physical signs in cervical myelopathy: a prospective, controlled study",
        source: "Spine. 34(9):890-895", year: 2009,
        pmid: Some("19352222"), doi: Some("10.1097/BRS.0b013e31819c944b"),
        used_for: "21% of surgically treated myelopathy patients had no myelopathic sign",
    }
    Jiang2024Signs = "jiang2024_signs" {
        authors: "Jiang Z, Davies B, Zipser C, et al.",
        title: "The value of clinical signs in the diagnosis of degenerative cervical myelopathy - a systematic review and meta-analysis",
        source: "Global Spine J. 14(4):1369-1394", year: 2024,
        pmid: Some("37903098"), doi: Some("10.1177/21925682231209869"),
        used_for: "Specificity of Babinski, clonus, inverted supinator; sensitivity of hyperreflexia",
    }
    Jiang2024Symptoms = "jiang2024_symptoms" {
        authors: "Jiang Z, Davies B, Zipser C, et al.",
        title: "The frequency of symptoms in patients with a diagnosis of degenerative cervical myelopathy: results of a scoping review",
        source: "Global Spine J. 14(4):1395-1421", year: 2024,
        pmid: Some("37917661"), doi: Some("10.1177/21925682231210468"),
        used_for: "Symptom frequencies in DCM: gait impairment 72%, bladder dysfunction 38%, lower-extremity pain 10%",
    }
    Sharma2025 = "sharma2025" {
        authors: "Sharma S, Sial A, Sima S, Diwan A",
        title: "Clinical signs and symptoms for degenerative cervical myelopathy: a scoping review of case-control studies",
        source: "Spinal Cord", year: 2025, pmid: None, doi: Some("10.1038/s41393-025-01065-1"),
        used_for: "Hand incoordination (sens 0.52, spec 0.92) and altered hand sensation (sens 0.76, spec 0.90) in DCM",
    }
    Bentley2001 = "bentley2001" {
        authors: "Bentley PI, Grigor CJ, McNally JD, Rigby S, Higgens CS, Frank AO, Keat A",
        title: "Degenerative cervical disc disease causing cord compression in adults under 50",
        source: "BMJ. 322(7283):414", year: 2001, pmid: None, doi: Some("10.1136/bmj.322.7283.414"),
        used_for: "Upper motor neuron signs in the legs indicate a lesion above L1",
    }
    Karadimas2013 = "karadimas2013" {
        authors: "Karadimas SK, Erwin WM, Ely CG, Dettori JR, Fehlings MG",
        title: "Pathophysiology and natural history of cervical spondylotic myelopathy",
        source: "Spine. 38(22 Suppl 1):S21-S36", year: 2013, pmid: None,
        doi: Some("10.1097/BRS.0b013e3182a7f2c3"),
        used_for: "20-62% of non-operatively treated DCM deteriorate at 3-6 years",
    }
    NaturalHistory2023 = "natural_history2023" {
        authors: "",
        title: "Natural history of degenerative cervical myelopathy: a meta-analysis and neurologic deterioration survival curves",
        source: "Spine J.", year: 2023, pmid: Some("37549831"), doi: Some("10.1016/j.spinee.2023.07.020"),
        used_for: "Free of neurological decline at 3 years: 84% of mild, 71% of moderate/severe DCM (pooled survival, 6 studies)",
    }
    Kong2013 = "kong2013" {
        authors: "Kong LD, Meng LC, Wang LF, et al.",
        title: "Evaluation of conservative treatment and timing of surgical intervention for mild forms of cervical spondylotic myelopathy",
        source: "Exp Ther Med. 6(3):852-856", year: 2013,
        pmid: Some("24137278"), doi: Some("10.3892/etm.2013.1224"),
        used_for: "26.9% of mild CSM deteriorated under conservative care over more than 3 years",
    }
    Wilson2013 = "wilson2013" {
        authors: "Wilson JR, Barry S, Fischer DJ, Skelly AC, Arnold PM, Riew KD, Shaffrey CI, Traynelis VC, Fehlings MG",
        title: "Frequency, timing, and predictors of neurological dysfunction in the nonmyelopathic patient with cervical spinal cord compression, canal stenosis, and/or OPLL",
        source: "Spine. 38(22 Suppl 1):S37-S54", year: 2013, pmid: None, doi: None,
        used_for: "Non-myelopathic cord compression: about 8% develop myelopathy at 1 year, about 23% at about 4 years",
    }
    Nouri2022 = "nouri2022" {
        authors: "Nouri A, Tessitore E, Molliqaj G, et al.",
        title: "Degenerative cervical myelopathy: development and natural history [AO Spine RECODE-DCM Research Priority Number 2]",
        source: "Global Spine J. 12(1 Suppl):39S-54S", year: 2022, pmid: None,
        doi: Some("10.1177/21925682211036071"),
        used_for: "Non-myelopathic cord compression is common: 24.2% of the healthy population, 35.3% over 60",
    }
    Fehlings2013Jbjs = "fehlings2013_jbjs" {
        authors: "Fehlings MG, Wilson JR, Kopjar B, et al.",
        title: "Efficacy and safety of surgical decompression in patients with cervical spondylotic myelopathy: results of the AOSpine North America prospective multi-center study",
        source: "J Bone Joint Surg Am. 95(18):1651-1658", year: 2013,
        pmid: Some("24048552"), doi: Some("10.2106/JBJS.L.00589"),
        used_for: "Significant improvement after surgery in mild, moderate and severe DCM at 1 year",
    }
    Badhiwala2019 = "badhiwala2019" {
        authors: "Badhiwala JH, Witiw CD, Nassiri F, et al.",
        title: "Efficacy and safety of surgery for mild degenerative cervical myelopathy",
        source: "Neurosurgery. 84(4):890-897", year: 2019,
        pmid: Some("29684181"), doi: Some("10.1093/neuros/nyy133"),
        used_for: "Surgery for mild DCM: significant gains in all outcomes at 2 years",
    }
    McCormack1996 = "mccormack1996" {
        authors: "McCormack BM, Weinstein PR",
        title: "Cervical spondylosis: an update",
        source: "West J Med. 165(1-2):43-51", year: 1996, pmid: Some("8855684"), doi: None,
        used_for: "Good initial results are expected in about 70% of operations for cervical spondylotic myelopathy",
    }
    Suri2010 = "suri2010" {
        authors: "Suri P, Rainville J, Kalichman L, Katz JN",
        title: "Does this older adult with lower extremity pain have the clinical syndrome of lumbar spinal stenosis?",
        source: "JAMA. 304(23):2628-2636", year: 2010,
        pmid: Some("21156951"), doi: Some("10.1001/jama.2010.1833"),
        used_for: "Likelihood ratios for lumbar stenosis: bilateral leg pain 6.3, relief bending forward 6.4, no pain seated 7.4, age > 65 2.5",
    }
    Nass2011 = "nass2011" {
        authors: "North American Spine Society",
        title: "Diagnosis and treatment of degenerative lumbar spinal stenosis (evidence-based clinical guideline)",
        source: "North American Spine Society, Burr Ridge IL (evidence-based clinical guideline; revision of the 2007 edition)", year: 2011, pmid: None, doi: None,
        used_for: "Lumbar stenosis: symptoms worse walking or standing, relieved by sitting or bending (Grade C); pain not worse with walking makes stenosis unlikely; MRI to confirm (Grade B)",
    }
    Kalichman2009 = "kalichman2009" {
        authors: "Kalichman L, Cole R, Kim DH, et al.",
        title: "Spinal stenosis prevalence and association with symptoms: the Framingham Study",
        source: "Spine J. 9(7):545-550", year: 2009, pmid: Some("19398386"), doi: None,
        used_for: "Acquired lumbar stenosis on CT in 22.5% of a community sample, 47.2% at age 60-69",
    }
    Katz1995 = "katz1995" {
        authors: "Katz JN, Dalgas M, Stucki G, et al.",
        title: "Degenerative lumbar spinal stenosis: diagnostic value of the history and physical examination",
        source: "Arthritis Rheum. 38(9):1236-1241", year: 1995, pmid: None, doi: None,
        used_for: "Wide-based gait and abnormal Romberg also occur in lumbar stenosis",
    }
    OswestryWalkingRomberg2011 = "oswestry_walking_romberg2011" {
        authors: "Robert Jones and Agnes Hunt Orthopaedic Hospital, Oswestry",
        title: "Walking Romberg sign in cervical myelopathy (50 patients)",
        source: "Orthopaedic Proceedings (Bone Joint J Suppl)", year: 2011,
        pmid: None, doi: Some("10.1302/0301-620X.93BSUPP_III.0930290c"),
        used_for: "Walking Romberg positive in 74.5% and Hoffmann in 79% of 50 CSM patients: dorsal-column signs are common in DCM",
    }
    Konno2007 = "konno2007" {
        authors: "Konno S, Hayashino Y, Fukuhara S, et al.",
        title: "Development of a clinical diagnosis support tool to identify patients with lumbar spinal stenosis",
        source: "Eur Spine J. 16(11):1951-1957", year: 2007,
        pmid: Some("17549525"), doi: Some("10.1007/s00586-007-0402-2"),
        used_for: "Items distinguishing lumbar stenosis: claudication, flexion relief, good pulses, diabetes",
    }
    Khan2006 = "khan2006" {
        authors: "Khan NA, Rahim SA, Anand SS, Simel DL, Panju A",
        title: "Does the clinical examination predict lower extremity peripheral arterial disease?",
        source: "JAMA. 295(5):536-546", year: 2006,
        pmid: Some("16449619"), doi: Some("10.1001/jama.295.5.536"),
        used_for: "Pulse abnormality LR+ 4.7 (normal pulses LR 0.38); claudication LR+ 3.3",
    }
    AhaAcc2016Pad = "aha_acc2016_pad" {
        authors: "Gerhard-Herman MD, Gornik HL, Barrett C, et al.",
        title: "2016 AHA/ACC guideline on the management of patients with lower extremity peripheral artery disease",
        source: "Circulation. 135(12):e726-e779", year: 2017, pmid: None,
        doi: Some("10.1161/CIR.0000000000000471"),
        used_for: "ABI <= 0.90 diagnostic of PAD, 0.91-0.99 borderline, 1.00-1.40 normal, > 1.40 non-compressible; resting ABI when history or exam suggests PAD",
    }
    Nadeau2013 = "nadeau2013" {
        authors: "Nadeau M, Rosas-Arellano MP, Gurr KR, et al.",
        title: "The reliability of differentiating neurogenic claudication from vascular claudication based on symptomatic presentation",
        source: "Can J Surg. 56(6):372-377", year: 2013, pmid: None, doi: Some("10.1503/cjs.016512"),
        used_for: "Relief by standing still LR+ 20 for vascular claudication; absence of pain triggered by standing LR- 0.05 for lumbar stenosis",
    }
    Abraham2017 = "abraham2017" {
        authors: "Abraham A, Alabdali M, Alsulaiman A, et al.",
        title: "The sensitivity and specificity of the neurological examination in polyneuropathy patients with clinical and electrophysiological correlations",
        source: "PLoS One. 12(3):e0171597", year: 2017, pmid: None,
        doi: Some("10.1371/journal.pone.0171597"),
        used_for: "Impaired ankle reflexes sens 0.74 spec 0.62; ankle reflex plus sensory loss sens 0.88",
    }
    Chew2022 = "chew2022" {
        authors: "Chew BLA, Williams DB, Attia J",
        title: "Diagnostic value of clinical examination for identifying patients with large- and small-fibre neuropathy",
        source: "Intern Med J. 52(5):785-789", year: 2022, pmid: None, doi: None,
        used_for: "Bilaterally absent ankle jerks LR+ 7.6, LR- 0.3 against nerve conduction studies",
    }
    Kanji2010 = "kanji2010" {
        authors: "Kanji JN, Anglin RES, Hunt DL, Panju A",
        title: "Does this patient with diabetes have large-fiber peripheral neuropathy?",
        source: "JAMA. 303(15):1526-1532", year: 2010, pmid: None, doi: Some("10.1001/jama.2010.428"),
        used_for: "Prevalence of large-fibre neuropathy in diabetes 23-79%; nerve conduction as reference standard",
    }
    Girft2023Ces = "girft2023_ces" {
        authors: "NHS England Getting It Right First Time",
        title: "National Suspected Cauda Equina Syndrome Pathway",
        source: "NHS England, Getting It Right First Time programme (national pathway, in force from February 2023; content as reproduced by BMJ Best Practice)", year: 2023, pmid: None, doi: None,
        used_for: "Suspect CES with saddle sensory change, bladder or bowel disturbance, bilateral leg deficit; emergency MRI within 4 hours",
    }
    BmjBestPracticeCes = "bmj_best_practice_ces" {
        authors: "BMJ Best Practice",
        title: "Cauda equina syndrome: approach to diagnosis",
        source: "BMJ Best Practice (online clinical decision support; cites the GIRFT 2023 pathway)", year: 2023, pmid: None, doi: None,
        used_for: "Red flags of cauda equina syndrome and immediate referral",
    }
    Dionne2019 = "dionne2019" {
        authors: "Dionne N, Adefolarin A, Kunzelman D, et al.",
        title: "What is the diagnostic accuracy of red flags related to cauda equina syndrome (CES), when compared to MRI? A systematic review",
        source: "Musculoskelet Sci Pract. 42:125-133", year: 2019, pmid: None,
        doi: Some("10.1016/j.msksp.2019.05.004"),
        used_for: "Single red flags are insensitive: a clinical suspicion needs MRI",
    }
    Nagata2017 = "nagata2017" {
        authors: "Nagata K, Yoshimura N, Hashizume H, et al.",
        title: "The prevalence of tandem spinal stenosis and its characteristics in a population-based MRI study: the Wakayama Spine Study",
        source: "Eur Spine J. 26(10):2529-2535", year: 2017, pmid: None,
        doi: Some("10.1007/s00586-017-5072-0"),
        used_for: "Radiographic tandem stenosis in 11% of a population cohort",
    }
    Langfitt1967 = "langfitt1967" {
        authors: "Langfitt TW, Elliott FA",
        title: "Pain in the back and legs caused by cervical spinal cord compression",
        source: "JAMA. 200(5):382-385", year: 1967, pmid: None,
        doi: Some("10.1001/jama.1967.03120180070010"),
        used_for: "Cord compression can simulate lumbar disc disease; lumbar mechanical signs are absent",
    }
    Shin2024 = "shin2024" {
        authors: "Shin JJ, Yoo SJ, Kim TW, et al.",
        title: "Radiological and clinical significance of cervical dynamic MRI for cervical spondylotic myelopathy",
        source: "Neurospine. 21(2):443-454", year: 2024, pmid: Some("38955522"), doi: None,
        used_for: "Neck extension worsens cervical stenosis and cord compression compared with flexion",
    }
    Todd2016Ces = "todd2016_ces" {
        authors: "Todd NV, Dickson RA",
        title: "Standards of care in cauda equina syndrome",
        source: "Br J Neurosurg. 30(5):518-522", year: 2016,
        pmid: Some("27240099"), doi: Some("10.1080/02688697.2016.1187254"),
        used_for: "CES stages (suspected, incomplete, with retention); bilateral radiculopathy as suspected CES; incomplete CES as the surgical emergency; a negative lumbar MRI needs imaging completed beyond the lumbar spine",
    }
    Kessler2022Lmn = "kessler2022_lmn" {
        authors: "Kessler JL",
        title: "Acute painless bilateral quadriceps weakness in a patient with severe degenerative lumbar spinal stenosis: a case report",
        source: "PM&R (Annual Assembly 2022 abstract)", year: 2022, pmid: None, doi: None,
        used_for: "Rapid areflexic bilateral leg weakness from lumbar stenosis compressing the cauda equina, imaged and decompressed at the lumbar level",
    }
    GbsCriteria2017 = "gbs_criteria2017" {
        authors: "",
        title: "Guillain-Barre syndrome diagnostic criteria (Table 2), with the NINDS criteria table (PMC9191260)",
        source: "World J Clin Cases. 5(7):270-279", year: 2017,
        pmid: None, doi: Some("10.12998/wjcc.v5.i7.270"),
        used_for: "Guillain-Barre syndrome: progressive weakness with areflexia or hyporeflexia required; progression over days to 4 weeks supportive; a sharp sensory level, bladder or bowel dysfunction at onset, or fever at onset argue against it; CSF and nerve conduction studies",
    }
    Agarwal2021Acr = "agarwal2021_acr" {
        authors: "Agarwal V, Shah LM, Parsons MS, et al.",
        title: "ACR Appropriateness Criteria Myelopathy: 2021 update",
        source: "J Am Coll Radiol. 18(5S):S73-S82", year: 2021,
        pmid: None, doi: Some("10.1016/j.jacr.2021.01.020"),
        used_for: "Myelopathy: MRI of the spinal area of interest without and with contrast, usually appropriate",
    }
    Ando2019Thoracic = "ando2019_thoracic" {
        authors: "Ando K, Imagama S, Kobayashi K, et al.",
        title: "Clinical features of thoracic myelopathy: a single-center study",
        source: "J Am Acad Orthop Surg Glob Res Rev. 3(11):e18.00090", year: 2019,
        pmid: Some("31875198"), doi: None,
        used_for: "Thoracic myelopathy presents with leg numbness, gait disturbance and low back pain; tumours and ossified ligaments are its main causes",
    }
    Hellmann2013FalseLevel = "hellmann2013_false_level" {
        authors: "Hellmann MA, Djaldetti R, Luckman J, Dabby R",
        title: "Thoracic sensory level as a false localizing sign in cervical spinal cord and brain lesions",
        source: "Clin Neurol Neurosurg. 115(1):54-56", year: 2013, pmid: None, doi: None,
        used_for: "A thoracic sensory level can lie 6-11 segments below a cervical cord or brain lesion",
    }
    Ko2011Meningioma = "ko2011_meningioma" {
        authors: "Ko SB, Lee SW, Shim JH",
        title: "Paraplegia due to missed thoracic meningioma after laminotomy for lumbar spinal stenosis",
        source: "Asian Spine J. 5(4):253-257", year: 2011,
        pmid: None, doi: Some("10.4184/asj.2011.5.4.253"),
        used_for: "Thoracic cord compression missed behind a lumbar stenosis diagnosis",
    }
    Kim2013Mimics = "kim2013_mimics" {
        authors: "Kim HJ, Tetreault LA, Massicotte EM, et al.",
        title: "Differential diagnosis for cervical spondylotic myelopathy: literature review",
        source: "Spine. 38(22 Suppl 1):S78-S88", year: 2013,
        pmid: Some("23962997"), doi: Some("10.1097/BRS.0b013e3182a7eb06"),
        used_for: "Mimics of DCM (ALS, MS, syringomyelia, tumours, metabolic); MRI, EMG, CSF and the symptom pattern separate them",
    }
    Davies2018Bmj = "davies2018_bmj" {
        authors: "Davies BM, Mowforth OD, Smith EK, Kotter MRN",
        title: "Degenerative cervical myelopathy",
        source: "BMJ. 360:k186", year: 2018,
        pmid: Some("29472200"), doi: Some("10.1136/bmj.k186"),
        used_for: "Consider DCM over 50 with progressive limb symptoms, imbalance, falls or incontinence; full neurological examination; MRI; refer promptly",
    }
    Yoshor2005Als = "yoshor2005_als" {
        authors: "Yoshor D, Klugh A, Appel SH, Haverkamp LJ",
        title: "Incidence and characteristics of spinal decompression surgery after the onset of symptoms of amyotrophic lateral sclerosis",
        source: "Neurosurgery. 57(5):984-989", year: 2005,
        pmid: None, doi: Some("10.1227/01.neu.0000180028.64385.d3"),
        used_for: "4.2% of ALS patients had spinal decompression after symptom onset; 86% of operations brought no improvement",
    }
    Wijesekera2009Als = "wijesekera2009_als" {
        authors: "Wijesekera LC, Leigh PN",
        title: "Amyotrophic lateral sclerosis",
        source: "Orphanet J Rare Dis. 4:3", year: 2009,
        pmid: None, doi: Some("10.1186/1750-1172-4-3"),
        used_for: "ALS against cervical myelopathy: bulbar involvement and widespread EMG denervation point to ALS",
    }
    Briani2013B12 = "briani2013_b12" {
        authors: "Briani C, et al.",
        title: "Cobalamin deficiency: clinical picture and radiological findings",
        source: "Nutrients. 5:4521-4539", year: 2013,
        pmid: None, doi: Some("10.3390/nu5114521"),
        used_for: "Subacute combined degeneration: symmetric dysaesthesia, loss of position sense and spastic paraparesis; dorsal-column T2 signal",
    }
    Jaiser2010Copper = "jaiser2010_copper" {
        authors: "Jaiser SR, Winston GP",
        title: "Copper deficiency myelopathy",
        source: "J Neurol. 257(6):869-881", year: 2010,
        pmid: Some("20232210"), doi: Some("10.1007/s00415-010-5511-x"),
        used_for: "Copper deficiency myelopathy mimics B12 deficiency; upper GI or bariatric surgery, zinc excess, malabsorption; serum copper and caeruloplasmin",
    }
    Wingerchuk2015Nmosd = "wingerchuk2015_nmosd" {
        authors: "Wingerchuk DM, et al.",
        title: "International consensus diagnostic criteria for neuromyelitis optica spectrum disorders",
        source: "Neurology. 85:177-189", year: 2015,
        pmid: None, doi: Some("10.1212/WNL.0000000000001729"),
        used_for: "NMOSD: optic neuritis and longitudinally extensive myelitis; AQP4-IgG; brain MRI",
    }
    Hensiek2015Hsp = "hensiek2015_hsp" {
        authors: "Hensiek A, Kirker S, Reid E",
        title: "Diagnosis, investigation and management of hereditary spastic paraplegias in the era of next-generation sequencing",
        source: "J Neurol. 262(7):1601-1612", year: 2015,
        pmid: Some("25480570"), doi: None,
        used_for: "Hereditary spastic paraplegia: slowly progressive leg spasticity with minimal arm involvement, family history, genetic testing",
    }
    Verrees2004Nph = "verrees2004_nph" {
        authors: "Verrees M, Selman WR",
        title: "Management of normal pressure hydrocephalus",
        source: "Am Fam Physician. 70:1071-1078", year: 2004, pmid: None, doi: None,
        used_for: "Normal pressure hydrocephalus: gait disturbance, cognitive impairment and urinary incontinence; brain imaging",
    }
    Brinjikji2016Sdavf = "brinjikji2016_sdavf" {
        authors: "Brinjikji W, et al.",
        title: "Clinical outcomes of patients with delayed diagnosis of spinal dural arteriovenous fistulas",
        source: "AJNR Am J Neuroradiol. 37(2):380-386", year: 2016,
        pmid: Some("26338916"), doi: None,
        used_for: "Misdiagnosed spinal dural AV fistulas: 96.2% gained disability during the diagnostic delay",
    }
    Jeng2015Sdavf = "jeng2015_sdavf" {
        authors: "Jeng Y, et al.",
        title: "Spinal dural arteriovenous fistula: imaging features and its mimics",
        source: "Korean J Radiol. 16(5):1119-1131", year: 2015, pmid: None, doi: None,
        used_for: "Spinal dural AV fistula: cord oedema with dilated perimedullary vessels on MRI; spinal angiography is the gold standard",
    }
    NiceNg234 = "nice_ng234" {
        authors: "National Institute for Health and Care Excellence",
        title: "Spinal metastases and metastatic spinal cord compression (NICE guideline NG234)",
        source: "NICE, London (replaces CG75, 2008)", year: 2023, pmid: None, doi: None,
        used_for: "Contact the MSCC coordinator immediately when a person with cancer has symptoms or signs of cord compression; whole-spine MRI",
    }
    Hawkins2023Mscc = "hawkins2023_mscc" {
        authors: "Hawkins JE, Dworzynski K, Haden N",
        title: "Spinal metastases and metastatic spinal cord compression: summary of updated NICE guidance",
        source: "BMJ. 383:p1973", year: 2023, pmid: None, doi: Some("10.1136/bmj.p1973"),
        used_for: "Immediately contact the MSCC coordinator if a person with a past or current cancer presents with symptoms or signs of cord compression",
    }
    NiceQs56 = "nice_qs56" {
        authors: "National Institute for Health and Care Excellence",
        title: "Metastatic spinal cord compression in adults (quality standard QS56, updated September 2023)",
        source: "NICE, London", year: 2023, pmid: None, doi: None,
        used_for: "Suspected MSCC with neurological symptoms or signs: whole-spine MRI and a treatment plan within 24 hours; 23% present with MSCC as the first sign of cancer",
    }
    Davis2004Sea = "davis2004_sea" {
        authors: "Davis DP, Wold RM, Patel RJ, et al.",
        title: "The clinical presentation and impact of diagnostic delays on emergency department patients with spinal epidural abscess",
        source: "J Emerg Med. 26(3):285-291", year: 2004, pmid: Some("15028325"), doi: None,
        used_for: "Spinal epidural abscess: the classic triad in only 13%, a risk factor in 98%; diagnostic delay in 75% with more residual weakness",
    }
    Kobayashi2022Grip = "kobayashi2022_grip" {
        authors: "Kobayashi H, Otani K, Nikaido T, et al.",
        title: "Development of a novel diagnostic support tool for degenerative cervical myelopathy combining 10-s grip and release test and grip strength: a pilot study",
        source: "Diagnostics (Basel). 12(9):2108", year: 2022, pmid: None, doi: Some("10.3390/diagnostics12092108"),
        used_for: "Grip-and-release or grip strength below the age and sex cut-off: LR+ 4.03, LR- 0.15 for DCM",
    }
    Ono1987 = "ono1987" {
        authors: "Ono K, Ebara S, Fuji T, et al.",
        title: "Myelopathy hand: new clinical signs of cervical cord damage",
        source: "J Bone Joint Surg Br. 69(2):215-219", year: 1987, pmid: None, doi: None,
        used_for: "Finger escape and slowed grip-and-release distinguish myelopathy from root or peripheral nerve disorders",
    }
    Creager2012Ali = "creager2012_ali" {
        authors: "Creager MA, Kaufman JA, Conte MS",
        title: "Acute limb ischemia",
        source: "N Engl J Med. 366:2198-2206", year: 2012, pmid: None, doi: None,
        used_for: "Acute limb ischaemia: a sudden decrease in limb perfusion threatening its viability; sensory loss and weakness mark a threatened limb needing immediate revascularisation",
    }
    Conte2019Clti = "conte2019_clti" {
        authors: "Conte MS, Bradbury AW, Kolh P, et al.",
        title: "Global vascular guidelines on the management of chronic limb-threatening ischemia",
        source: "J Vasc Surg. 69(6S):3S-125S.e40", year: 2019, pmid: Some("31159978"), doi: None,
        used_for: "CLTI = PAD with rest pain, gangrene or a lower-limb ulcer over 2 weeks; all suspected CLTI referred urgently to a vascular specialist",
    }
    Gornik2024Pad = "gornik2024_pad" {
        authors: "Gornik HL, Aronow HD, Goodney PP, et al.",
        title: "2024 ACC/AHA/AACVPR/APMA/ABC/SCAI/SVM/SVN/SVS/SIR/VESS guideline for the management of lower extremity peripheral artery disease",
        source: "J Am Coll Cardiol. 83(24):2497-2604", year: 2024, pmid: None, doi: Some("10.1016/j.jacc.2024.02.013"),
        used_for: "PAD subsets include chronic limb-threatening and acute limb ischaemia; revascularisation to prevent limb loss in CLTI",
    }
    Kranz2019Myelopathy = "kranz2019_myelopathy" {
        authors: "Kranz PG, Amrhein TJ",
        title: "Imaging approach to myelopathy: acute, subacute, and chronic",
        source: "Radiol Clin North Am. 57:257", year: 2019, pmid: None, doi: Some("10.1016/j.rcl.2018.09.006"),
        used_for: "A truncal sensory level, corticospinal signs and urinary retention strongly suggest myelopathy; compression must be excluded first",
    }
    Aizawa2006Olf = "aizawa2006_olf" {
        authors: "Aizawa T, et al.",
        title: "Thoracic myelopathy caused by ossification of the ligamentum flavum: clinical features and surgical results in the Japanese population",
        source: "J Neurosurg Spine. 5(6):514-519", year: 2006, pmid: None, doi: Some("10.3171/spi.2006.5.6.514"),
        used_for: "Ossified ligamentum flavum myelopathy presents with leg numbness, pain or gait disturbance; over 80% of levels at T9-10 or lower",
    }
}
