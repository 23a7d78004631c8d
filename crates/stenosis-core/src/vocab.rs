//! The vocabulary: every finding, condition, action, urgency, pathway and alert id, defined once.
//!
//! Each list is a single macro invocation. The enums, their string ids, parsing, the C constants,
//! the Python enums, the JSON Schema and `docs/vocabulary.md` all derive from these tables
//! (`cargo xtask codegen`). Ids are the contract of `SPEC.md`: add new ones at the end of a list,
//! never rename or reorder (the numeric code of a variant is its position).

use serde::{Serialize, Serializer};

/// Defines a vocabulary: one enum and everything about each member, one row per member.
///
/// ```text
/// vocabulary! {
///     /// What the vocabulary is (rustdoc of the enum).
///     Name with NameInfo {                  // `with NameInfo` only when rows carry extra fields
///         Variant = "stable_id" {
///             label: "Short display label",   // optional; `label()` falls back to `doc`
///             doc: "One-line description (rustdoc, generated docs, C and Python enum docs).",
///             extra_field: value,             // the fields of NameInfo, read by `info()`
///         },
///     }
/// }
/// ```
///
/// Adding a member is adding a row at the end of its list (the numeric code is the position).
macro_rules! vocabulary {
    // A vocabulary whose rows carry extra fields, gathered in `$Info` (read by `info()`).
    (
        $(#[$meta:meta])*
        $Name:ident with $Info:ident {
            $( $Variant:ident = $id:literal {
                $( label: $label:literal, )?
                doc: $doc:literal
                $(, $field:ident : $value:expr )* $(,)?
            } ),+ $(,)?
        }
    ) => {
        vocabulary!(@common $(#[$meta])* $Name { $( $Variant = $id, [$($label)?], $doc; )+ });

        impl $Name {
            /// This member's row of extra fields.
            #[must_use]
            pub(crate) const fn info(self) -> $Info {
                match self { $( $Name::$Variant => $Info { $( $field: $value ),* } ),+ }
            }
        }
    };
    // A vocabulary whose rows are an id, a description and an optional display label.
    (
        $(#[$meta:meta])*
        $Name:ident {
            $( $Variant:ident = $id:literal {
                $( label: $label:literal, )?
                doc: $doc:literal $(,)?
            } ),+ $(,)?
        }
    ) => {
        vocabulary!(@common $(#[$meta])* $Name { $( $Variant = $id, [$($label)?], $doc; )+ });
    };
    (@label [$label:literal], $doc:literal) => { $label };
    (@label [], $doc:literal) => { $doc };
    (
        @common $(#[$meta:meta])* $Name:ident { $( $Variant:ident = $id:literal, [$($label:literal)?], $doc:literal; )+ }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u32)]
        pub enum $Name {
            $( #[doc = $doc] $Variant ),+
        }

        impl $Name {
            /// Every variant, in declaration (and numeric code) order.
            pub const ALL: &'static [$Name] = &[ $( $Name::$Variant ),+ ];

            /// The stable string id used in JSON, C and Python.
            #[must_use]
            pub const fn id(self) -> &'static str {
                match self { $( $Name::$Variant => $id ),+ }
            }

            /// The one-line description (for a finding, its clinical definition).
            #[must_use]
            pub const fn doc(self) -> &'static str {
                match self { $( $Name::$Variant => $doc ),+ }
            }

            /// The display label: the row's `label`, or its description when it has none.
            #[must_use]
            pub const fn label(self) -> &'static str {
                match self { $( $Name::$Variant => vocabulary!(@label [$($label)?], $doc) ),+ }
            }

            /// Parses a string id; `None` when it is not part of the vocabulary.
            #[must_use]
            pub fn from_id(id: &str) -> Option<Self> {
                match id { $( $id => Some($Name::$Variant), )+ _ => None }
            }

            /// The stable numeric code (the position in [`Self::ALL`]), as used by the C ABI.
            #[must_use]
            pub const fn code(self) -> u32 {
                self as u32
            }

            /// The variant with this numeric code, if any.
            #[must_use]
            pub fn from_code(code: u32) -> Option<Self> {
                usize::try_from(code).ok().and_then(|i| Self::ALL.get(i)).copied()
            }

            /// `(id, doc)` of every member, in code order (for [`vocabularies`]).
            #[allow(dead_code)] // not every vocabulary is in the generated tables
            fn rows() -> Vec<(&'static str, &'static str)> {
                Self::ALL.iter().map(|v| (v.id(), v.doc())).collect()
            }

            /// The display label of every member, in code order (for [`vocabularies`]).
            #[allow(dead_code)] // not every vocabulary is in the generated tables
            fn labels() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.label()).collect()
            }

            fn ids_hint() -> &'static str {
                concat!("expected one of: ", $( "\"", $id, "\" " ),+)
            }
        }

        impl core::fmt::Display for $Name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.id())
            }
        }

        impl core::str::FromStr for $Name {
            type Err = crate::InputError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::from_id(s).ok_or_else(|| crate::InputError::invalid_value(stringify!($Name), Self::ids_hint()))
            }
        }

        impl Serialize for $Name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.id())
            }
        }
    };
}

/// A SNOMED CT concept: code and fully specified name as seen in the verifying source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct SnomedCode {
    /// The concept id.
    pub code: &'static str,
    /// The display (fully specified name) seen with it.
    pub display: &'static str,
}

/// The SNOMED CT system URI, for FHIR `Coding.system`.
pub const SNOMED_SYSTEM: &str = "http://snomed.info/sct";

const fn sct(code: &'static str, display: &'static str) -> Option<SnomedCode> {
    Some(SnomedCode { code, display })
}

vocabulary! {
    /// The group a finding belongs to (as SPEC.md lists them).
    FindingGroup {
        LegAndGaitSymptoms = "leg_and_gait_symptoms" { label: "Leg and gait symptoms", doc: "Leg and gait symptoms" },
        ArmsAndNeck = "arms_and_neck" { label: "Arms and neck", doc: "Arms and neck" },
        Back = "back" { label: "Back", doc: "Back" },
        Sphincters = "sphincters" { label: "Sphincters", doc: "Sphincters" },
        UpperMotorNeuronExam = "upper_motor_neuron_exam" { label: "Upper motor neuron examination", doc: "Upper motor neuron examination" },
        PeripheralExam = "peripheral_exam" { label: "Peripheral examination", doc: "Peripheral examination" },
        History = "history" { label: "History", doc: "History" },
        Imaging = "imaging" { label: "Imaging (as reported)", doc: "Imaging (as reported)" },
        LimbSpecificExam = "limb_specific_exam" { label: "Limb-specific examination", doc: "Limb-specific examination (arms and legs recorded separately)" },
        Localisation = "localisation" { label: "Localisation", doc: "Localisation of a spinal cord lesion" },
        BeyondSpinalCord = "beyond_spinal_cord" { label: "Beyond the spinal cord", doc: "Features beyond the spinal cord (brain, cranial nerves)" },
        Vascular = "vascular" { label: "Vascular", doc: "Vascular (limb ischaemia)" },
        LaboratoryAndTests = "laboratory_and_tests" { label: "Laboratory and tests", doc: "Laboratory results and tests (as reported)" },
    }
}

vocabulary! {
    /// A clinical finding the presentation can record as present, absent or unknown.
    Finding with FindingInfo {
        LegWeakness = "leg_weakness" {
            label: "Leg weakness (reported)",
            doc: "Weakness of one or both legs reported by the patient.",
            group: FindingGroup::LegAndGaitSymptoms,
            snomed: None,
        },
        BilateralLegSymptoms = "bilateral_leg_symptoms" {
            label: "Symptoms in both legs",
            doc: "Leg symptoms (pain, numbness, weakness) affecting both legs.",
            group: FindingGroup::LegAndGaitSymptoms,
            snomed: None,
        },
        GaitDifficulty = "gait_difficulty" {
            label: "Difficulty walking (reported)",
            doc: "Difficulty walking or unsteadiness reported by the patient.",
            group: FindingGroup::LegAndGaitSymptoms,
            snomed: None,
        },
        LegNumbness = "leg_numbness" {
            label: "Leg numbness or tingling",
            doc: "Numbness or paresthesias of the legs or feet.",
            group: FindingGroup::LegAndGaitSymptoms,
            snomed: None,
        },
        LegStiffness = "leg_stiffness" {
            label: "Leg stiffness",
            doc: "Stiffness or spasticity of the legs.",
            group: FindingGroup::LegAndGaitSymptoms,
            snomed: None,
        },
        SciaticaLikePain = "sciatica_like_pain" {
            label: "Sciatica-like leg pain",
            doc: "Radiating leg pain resembling sciatica (buttock or thigh down the leg).",
            group: FindingGroup::LegAndGaitSymptoms,
            snomed: None,
        },
        WalkingLegPain = "walking_leg_pain" {
            label: "Leg pain on walking or standing",
            doc: "Pain, heaviness or cramping in the legs brought on by walking or standing.",
            group: FindingGroup::LegAndGaitSymptoms,
            snomed: None,
        },
        ReliefWithSittingOrFlexion = "relief_with_sitting_or_flexion" {
            label: "Relief by sitting or bending forward",
            doc: "Leg symptoms relieved by sitting or bending forward (lumbar flexion, shopping-cart sign).",
            group: FindingGroup::LegAndGaitSymptoms,
            snomed: None,
        },
        ReliefWithStandingStill = "relief_with_standing_still" {
            label: "Relief by standing still",
            doc: "Leg symptoms relieved by standing still, without sitting or bending.",
            group: FindingGroup::LegAndGaitSymptoms,
            snomed: None,
        },
        Falls = "falls" {
            label: "Falls or near-falls",
            doc: "Falls or near-falls.",
            group: FindingGroup::LegAndGaitSymptoms,
            snomed: None,
        },
        HandClumsiness = "hand_clumsiness" {
            label: "Clumsy hands",
            doc: "Clumsy hands: difficulty with buttons, writing or fine tasks.",
            group: FindingGroup::ArmsAndNeck,
            snomed: None,
        },
        HandNumbness = "hand_numbness" {
            label: "Hand numbness or tingling",
            doc: "Numbness or paresthesias of the hands.",
            group: FindingGroup::ArmsAndNeck,
            snomed: None,
        },
        NeckPain = "neck_pain" {
            label: "Neck pain",
            doc: "Neck pain.",
            group: FindingGroup::ArmsAndNeck,
            snomed: None,
        },
        WorseWithNeckExtension = "worse_with_neck_extension" {
            label: "Worse with neck extension",
            doc: "Symptoms brought on or worsened by extending the neck.",
            group: FindingGroup::ArmsAndNeck,
            snomed: None,
        },
        LhermitteSign = "lhermitte_sign" {
            label: "Lhermitte sign",
            doc: "Electric-shock sensation down the spine or limbs on neck flexion.",
            group: FindingGroup::ArmsAndNeck,
            snomed: None,
        },
        SignificantBackPain = "significant_back_pain" {
            label: "Significant low back pain",
            doc: "Significant low back pain.",
            group: FindingGroup::Back,
            snomed: None,
        },
        BladderDysfunction = "bladder_dysfunction" {
            label: "Bladder urgency, frequency or incontinence",
            doc: "Urinary urgency, frequency or incontinence.",
            group: FindingGroup::Sphincters,
            snomed: None,
        },
        UrinaryRetention = "urinary_retention" {
            label: "Urinary retention",
            doc: "Inability to empty the bladder, or painless retention.",
            group: FindingGroup::Sphincters,
            snomed: sct("267064002", "Retention of urine (disorder)"),
        },
        BowelDysfunction = "bowel_dysfunction" {
            label: "Loss of bowel control",
            doc: "Bowel incontinence or new loss of bowel control.",
            group: FindingGroup::Sphincters,
            snomed: None,
        },
        SaddleAnesthesia = "saddle_anesthesia" {
            label: "Saddle anaesthesia",
            doc: "Reduced or lost sensation in the saddle (perianal, perineal, genital) area.",
            group: FindingGroup::Sphincters,
            snomed: sct("449813001", "Numbness of saddle area (finding)"),
        },
        Hyperreflexia = "hyperreflexia" {
            label: "Hyperreflexia",
            doc: "Brisk or pathologically increased deep tendon reflexes.",
            group: FindingGroup::UpperMotorNeuronExam,
            snomed: None,
        },
        HoffmannSign = "hoffmann_sign" {
            label: "Hoffmann sign",
            doc: "Thumb and index finger flexion when the middle fingernail is flicked.",
            group: FindingGroup::UpperMotorNeuronExam,
            snomed: None,
        },
        BabinskiSign = "babinski_sign" {
            label: "Babinski sign",
            doc: "Extensor plantar response (great toe goes up on stroking the sole).",
            group: FindingGroup::UpperMotorNeuronExam,
            snomed: None,
        },
        AnkleClonus = "ankle_clonus" {
            label: "Ankle clonus",
            doc: "Sustained rhythmic beats of the ankle on brisk dorsiflexion.",
            group: FindingGroup::UpperMotorNeuronExam,
            snomed: None,
        },
        InvertedSupinatorSign = "inverted_supinator_sign" {
            label: "Inverted supinator sign",
            doc: "Finger flexion instead of, or with, a reduced brachioradialis reflex.",
            group: FindingGroup::UpperMotorNeuronExam,
            snomed: None,
        },
        GaitDeviation = "gait_deviation" {
            label: "Spastic or wide-based gait on examination",
            doc: "Spastic or wide-based gait seen on examination.",
            group: FindingGroup::UpperMotorNeuronExam,
            snomed: None,
        },
        RombergSign = "romberg_sign" {
            label: "Romberg sign",
            doc: "Loss of balance standing with feet together and eyes closed.",
            group: FindingGroup::UpperMotorNeuronExam,
            snomed: None,
        },
        LegWeaknessOnExam = "leg_weakness_on_exam" {
            label: "Leg weakness on examination",
            doc: "Objective weakness of leg muscles on examination.",
            group: FindingGroup::UpperMotorNeuronExam,
            snomed: None,
        },
        HandIntrinsicAtrophy = "hand_intrinsic_atrophy" {
            label: "Wasting of the intrinsic hand muscles",
            doc: "Wasting of the intrinsic hand muscles (myelopathy hand).",
            group: FindingGroup::UpperMotorNeuronExam,
            snomed: None,
        },
        ReducedAnkleReflexes = "reduced_ankle_reflexes" {
            label: "Reduced ankle reflexes",
            doc: "Reduced or absent ankle (Achilles) reflexes.",
            group: FindingGroup::PeripheralExam,
            snomed: None,
        },
        StockingGloveSensoryLoss = "stocking_glove_sensory_loss" {
            label: "Stocking-glove sensory loss",
            doc: "Distal symmetric sensory loss in a stocking (and glove) distribution.",
            group: FindingGroup::PeripheralExam,
            snomed: None,
        },
        ReducedFootPulses = "reduced_foot_pulses" {
            label: "Reduced foot pulses",
            doc: "Reduced or absent dorsalis pedis or posterior tibial pulses.",
            group: FindingGroup::PeripheralExam,
            snomed: None,
        },
        StraightLegRaise = "straight_leg_raise" {
            label: "Positive straight-leg raise",
            doc: "Positive straight-leg-raise test (radicular pain on raising the straight leg).",
            group: FindingGroup::PeripheralExam,
            snomed: None,
        },
        Diabetes = "diabetes" {
            label: "Diabetes",
            doc: "Diabetes mellitus (type 1 or type 2).",
            group: FindingGroup::History,
            snomed: None,
        },
        Smoker = "smoker" {
            label: "Smoker (current or former)",
            doc: "Current or former smoker.",
            group: FindingGroup::History,
            snomed: None,
        },
        KnownLumbarStenosis = "known_lumbar_stenosis" {
            label: "Known lumbar spinal stenosis",
            doc: "A previous diagnosis of lumbar spinal stenosis.",
            group: FindingGroup::History,
            snomed: sct("18347007", "Spinal stenosis of lumbar region (disorder)"),
        },
        CervicalCordCompressionOnMri = "cervical_cord_compression_on_mri" {
            label: "Cervical cord compression on MRI",
            doc: "Cervical spinal cord compression reported on MRI.",
            group: FindingGroup::Imaging,
            snomed: None,
        },
        CervicalCordSignalChangeOnMri = "cervical_cord_signal_change_on_mri" {
            label: "Cervical cord signal change on MRI",
            doc: "Intramedullary T2 signal change of the cervical cord reported on MRI.",
            group: FindingGroup::Imaging,
            snomed: None,
        },
        LumbarStenosisOnImaging = "lumbar_stenosis_on_imaging" {
            label: "Lumbar stenosis on imaging",
            doc: "Lumbar spinal canal or lateral recess stenosis reported on imaging.",
            group: FindingGroup::Imaging,
            snomed: None,
        },
        ArmWeakness = "arm_weakness" {
            label: "Arm or hand weakness on examination",
            doc: "Objective weakness of arm or hand muscles on examination.",
            group: FindingGroup::LimbSpecificExam,
            snomed: None,
        },
        ArmHyperreflexia = "arm_hyperreflexia" {
            label: "Brisk arm reflexes",
            doc: "Brisk biceps, triceps or brachioradialis reflexes.",
            group: FindingGroup::LimbSpecificExam,
            snomed: None,
        },
        LegHyperreflexia = "leg_hyperreflexia" {
            label: "Brisk leg reflexes",
            doc: "Brisk knee or ankle reflexes.",
            group: FindingGroup::LimbSpecificExam,
            snomed: None,
        },
        TromnerSign = "tromner_sign" {
            label: "Trömner sign",
            doc: "Finger flexion when the palmar tip of the relaxed middle finger is tapped (Tromner sign).",
            group: FindingGroup::LimbSpecificExam,
            snomed: None,
        },
        FingerEscapeSign = "finger_escape_sign" {
            label: "Finger escape sign",
            doc: "The ulnar fingers drift into flexion and abduction when held extended and adducted (finger escape sign).",
            group: FindingGroup::LimbSpecificExam,
            snomed: None,
        },
        GripReleaseSlowed = "grip_release_slowed" {
            label: "Slowed grip and release",
            doc: "Grip-and-release or grip strength below the age and sex cut-off (Kobayashi 2021/2022).",
            group: FindingGroup::LimbSpecificExam,
            snomed: None,
        },
        ReducedKneeReflexes = "reduced_knee_reflexes" {
            label: "Reduced knee reflexes",
            doc: "Reduced or absent patellar (knee) reflexes.",
            group: FindingGroup::LimbSpecificExam,
            snomed: None,
        },
        ReducedLegTone = "reduced_leg_tone" {
            label: "Reduced (flaccid) leg tone",
            doc: "Reduced (flaccid) tone in the legs.",
            group: FindingGroup::LimbSpecificExam,
            snomed: None,
        },
        FootDrop = "foot_drop" {
            label: "Foot drop",
            doc: "Weakness of ankle dorsiflexion (foot drop).",
            group: FindingGroup::LimbSpecificExam,
            snomed: None,
        },
        Fasciculations = "fasciculations" {
            label: "Fasciculations",
            doc: "Visible spontaneous muscle twitches (fasciculations).",
            group: FindingGroup::LimbSpecificExam,
            snomed: None,
        },
        LimbMuscleWasting = "limb_muscle_wasting" {
            label: "Limb muscle wasting",
            doc: "Muscle wasting beyond the intrinsic hand muscles.",
            group: FindingGroup::LimbSpecificExam,
            snomed: None,
        },
        VibrationOrPositionSenseLoss = "vibration_or_position_sense_loss" {
            label: "Loss of vibration or position sense in the legs",
            doc: "Loss of vibration or joint position sense in the legs.",
            group: FindingGroup::LimbSpecificExam,
            snomed: None,
        },
        TruncalSensoryLevel = "truncal_sensory_level" {
            label: "Truncal sensory level",
            doc: "A sensory level on the trunk: sensation reduced below a horizontal line.",
            group: FindingGroup::Localisation,
            snomed: None,
        },
        SexualDysfunction = "sexual_dysfunction" {
            label: "New sexual dysfunction",
            doc: "New erectile or ejaculatory dysfunction, or genital numbness.",
            group: FindingGroup::Sphincters,
            snomed: None,
        },
        ReducedAnalTone = "reduced_anal_tone" {
            label: "Reduced anal tone",
            doc: "Reduced anal sphincter tone on rectal examination.",
            group: FindingGroup::Sphincters,
            snomed: None,
        },
        BulbarSymptoms = "bulbar_symptoms" {
            label: "Slurred speech or difficulty swallowing",
            doc: "Dysarthria or dysphagia (bulbar symptoms or signs).",
            group: FindingGroup::BeyondSpinalCord,
            snomed: None,
        },
        VisualDisturbance = "visual_disturbance" {
            label: "Optic neuritis or unexplained visual loss",
            doc: "Optic neuritis now or before, or unexplained visual loss.",
            group: FindingGroup::BeyondSpinalCord,
            snomed: None,
        },
        CognitiveDecline = "cognitive_decline" {
            label: "Cognitive decline",
            doc: "New or progressive cognitive impairment.",
            group: FindingGroup::BeyondSpinalCord,
            snomed: None,
        },
        AcuteColdPulselessLeg = "acute_cold_pulseless_leg" {
            label: "Acutely cold, pale or pulseless leg",
            doc: "A leg that became painful, cold, pale or pulseless within the last 14 days.",
            group: FindingGroup::Vascular,
            snomed: None,
        },
        RestPain = "rest_pain" {
            label: "Ischaemic rest pain",
            doc: "Ischaemic rest pain of the foot (present lying flat, eased with the leg hanging down).",
            group: FindingGroup::Vascular,
            snomed: None,
        },
        FootUlcerOrGangrene = "foot_ulcer_or_gangrene" {
            label: "Non-healing foot wound or gangrene",
            doc: "A foot wound not healing for more than two weeks, or gangrene.",
            group: FindingGroup::Vascular,
            snomed: None,
        },
        CoolOrDiscolouredLeg = "cool_or_discoloured_leg" {
            label: "Cool or discoloured leg",
            doc: "Cool skin or skin discolouration of the leg or foot.",
            group: FindingGroup::Vascular,
            snomed: None,
        },
        FemoralBruit = "femoral_bruit" {
            label: "Femoral bruit",
            doc: "A bruit heard over the femoral artery.",
            group: FindingGroup::Vascular,
            snomed: None,
        },
        CancerHistory = "cancer_history" {
            label: "History of cancer",
            doc: "A past or current diagnosis of cancer.",
            group: FindingGroup::History,
            snomed: None,
        },
        Fever = "fever" {
            label: "Fever",
            doc: "Fever (raised temperature) with the current illness.",
            group: FindingGroup::History,
            snomed: None,
        },
        SpinalInfectionRisk = "spinal_infection_risk" {
            label: "Risk factor for spinal infection",
            doc: "Intravenous drug use, immunosuppression, or a recent spinal procedure or bacteraemia. Diabetes, present in about 30% of spinal epidural abscesses, is also a risk factor: it is recorded as `diabetes`, which the abscess rules do not read, so mark this finding present too when a person with diabetes has back or neck pain with fever or a deficit and infection is a concern.",
            group: FindingGroup::History,
            snomed: None,
        },
        UnexplainedWeightLoss = "unexplained_weight_loss" {
            label: "Unexplained weight loss",
            doc: "Unintended, unexplained weight loss.",
            group: FindingGroup::History,
            snomed: None,
        },
        PriorGastricSurgery = "prior_gastric_surgery" {
            label: "Previous gastric or bariatric surgery",
            doc: "Gastrectomy or bariatric surgery.",
            group: FindingGroup::History,
            snomed: None,
        },
        FamilyHistorySimilarDisorder = "family_history_similar_disorder" {
            label: "Family history of a similar disorder",
            doc: "A relative with a similar walking or spastic disorder.",
            group: FindingGroup::History,
            snomed: None,
        },
        PriorSpineSurgery = "prior_spine_surgery" {
            label: "Previous spine surgery",
            doc: "A previous spinal decompression or fusion at any level.",
            group: FindingGroup::History,
            snomed: None,
        },
        LowVitaminB12 = "low_vitamin_b12" {
            label: "Low vitamin B12",
            doc: "Low vitamin B12, or raised methylmalonic acid or homocysteine.",
            group: FindingGroup::LaboratoryAndTests,
            snomed: None,
        },
        LowSerumCopper = "low_serum_copper" {
            label: "Low serum copper",
            doc: "Low serum copper (or caeruloplasmin).",
            group: FindingGroup::LaboratoryAndTests,
            snomed: None,
        },
        EmgWidespreadDenervation = "emg_widespread_denervation" {
            label: "Widespread denervation on EMG",
            doc: "EMG showing widespread active and chronic denervation beyond one root level.",
            group: FindingGroup::LaboratoryAndTests,
            snomed: None,
        },
        ThoracicCordCompressionOnMri = "thoracic_cord_compression_on_mri" {
            label: "Thoracic cord compression on MRI",
            doc: "Thoracic spinal cord compression reported on MRI.",
            group: FindingGroup::Imaging,
            snomed: None,
        },
        BrainMriDemyelinatingLesions = "brain_mri_demyelinating_lesions" {
            label: "Demyelinating lesions on brain MRI",
            doc: "Demyelinating lesions reported on brain MRI.",
            group: FindingGroup::Imaging,
            snomed: None,
        },
        VentriculomegalyOnImaging = "ventriculomegaly_on_imaging" {
            label: "Enlarged ventricles on imaging",
            doc: "Enlarged cerebral ventricles (Evans index above 0.3) on brain imaging.",
            group: FindingGroup::Imaging,
            snomed: None,
        },
        CordFlowVoidsOnMri = "cord_flow_voids_on_mri" {
            label: "Perimedullary flow voids on MRI",
            doc: "Dilated perimedullary vessels (flow voids) around the cord on MRI: the sign of a spinal dural AV fistula.",
            group: FindingGroup::Imaging,
            snomed: None,
        },
    }
}

/// The extra fields of a [`Finding`] row.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FindingInfo {
    group: FindingGroup,
    snomed: Option<SnomedCode>,
}

impl Finding {
    /// The one-line clinical definition.
    #[must_use]
    pub const fn definition(self) -> &'static str {
        self.doc()
    }

    /// The group the finding belongs to.
    #[must_use]
    pub const fn group(self) -> FindingGroup {
        self.info().group
    }

    /// A verified SNOMED CT concept for this finding, where one was verified.
    #[must_use]
    pub const fn snomed(self) -> Option<SnomedCode> {
        self.info().snomed
    }

    /// This finding's bit in a [`crate::FindingSet`] mask.
    #[must_use]
    pub(crate) const fn bit(self) -> u128 {
        1u128 << (self as u32)
    }
}

vocabulary! {
    /// Whether a finding was found, looked for and not found, or not assessed.
    Status {
        Unknown = "unknown" { label: "Not assessed", doc: "Not assessed (the same as leaving the finding out)." },
        Present = "present" { label: "Present", doc: "Looked for and found." },
        Absent = "absent" { label: "Absent", doc: "Looked for and not found." },
    }
}

vocabulary! {
    /// Sex, as recorded.
    Sex {
        Female = "female" { label: "Female", doc: "Female" },
        Male = "male" { label: "Male", doc: "Male" },
        Other = "other" { label: "Other", doc: "Other" },
    }
}

vocabulary! {
    /// The course of the leg symptoms.
    Course {
        Stable = "stable" { label: "Stable", doc: "Stable" },
        Progressive = "progressive" { label: "Progressive", doc: "Progressive (worsening over weeks to months)" },
        RapidlyProgressive = "rapidly_progressive" { label: "Rapidly progressive", doc: "Rapidly progressive (worsening over hours to days)" },
        Relapsing = "relapsing" { label: "Relapsing", doc: "Relapsing (attacks with recovery between them)" },
    }
}

vocabulary! {
    /// A condition on the differential.
    Condition with ConditionInfo {
        CervicalMyelopathy = "cervical_myelopathy" {
            label: "Degenerative cervical myelopathy",
            doc: "Degenerative cervical myelopathy (cervical cord compression)",
            snomed: sct("65260001", "Cervical spondylosis with myelopathy (disorder)"),
        },
        LumbarSpinalStenosis = "lumbar_spinal_stenosis" {
            label: "Lumbar spinal stenosis",
            doc: "Lumbar spinal stenosis (neurogenic claudication or radiculopathy)",
            snomed: sct("18347007", "Spinal stenosis of lumbar region (disorder)"),
        },
        PeripheralNeuropathy = "peripheral_neuropathy" {
            label: "Peripheral neuropathy",
            doc: "Peripheral neuropathy (distal symmetric polyneuropathy)",
            snomed: None,
        },
        PeripheralArterialDisease = "peripheral_arterial_disease" {
            label: "Peripheral arterial disease",
            doc: "Peripheral arterial disease (vascular claudication)",
            snomed: sct("399957001", "Peripheral arterial occlusive disease (disorder)"),
        },
        CaudaEquinaSyndrome = "cauda_equina_syndrome" {
            label: "Cauda equina syndrome",
            doc: "Cauda equina syndrome",
            snomed: sct("192970008", "Cauda equina syndrome (disorder)"),
        },
        ThoracicMyelopathy = "thoracic_myelopathy" {
            label: "Thoracic myelopathy",
            doc: "Thoracic myelopathy (thoracic cord compression: tumour, ossified ligament, disc)",
            snomed: None,
        },
        MotorNeuronDisease = "motor_neuron_disease" {
            label: "Motor neuron disease",
            doc: "Motor neuron disease (amyotrophic lateral sclerosis)",
            snomed: None,
        },
        NutritionalMyelopathy = "nutritional_myelopathy" {
            label: "Nutritional myelopathy (B12 or copper)",
            doc: "Nutritional myelopathy (vitamin B12 or copper deficiency: subacute combined degeneration)",
            snomed: None,
        },
        DemyelinatingDisease = "demyelinating_disease" {
            label: "Demyelinating disease (MS, NMOSD)",
            doc: "Demyelinating disease (multiple sclerosis, neuromyelitis optica spectrum disorder)",
            snomed: None,
        },
        HereditarySpasticParaplegia = "hereditary_spastic_paraplegia" {
            label: "Hereditary spastic paraplegia",
            doc: "Hereditary spastic paraplegia",
            snomed: None,
        },
        NormalPressureHydrocephalus = "normal_pressure_hydrocephalus" {
            label: "Normal pressure hydrocephalus",
            doc: "Normal pressure hydrocephalus",
            snomed: None,
        },
        SpinalDuralAvFistula = "spinal_dural_av_fistula" {
            label: "Spinal dural arteriovenous fistula",
            doc: "Spinal dural arteriovenous fistula",
            snomed: None,
        },
        MalignantSpinalCordCompression = "malignant_spinal_cord_compression" {
            label: "Malignant spinal cord compression",
            doc: "Malignant (metastatic) spinal cord or cauda equina compression",
            snomed: None,
        },
        SpinalEpiduralAbscess = "spinal_epidural_abscess" {
            label: "Spinal epidural abscess",
            doc: "Spinal epidural abscess",
            snomed: None,
        },
        GuillainBarreSyndrome = "guillain_barre_syndrome" {
            label: "Guillain-Barré syndrome",
            doc: "Guillain-Barre syndrome (acute inflammatory polyradiculoneuropathy)",
            snomed: None,
        },
    }
}

/// The extra fields of a [`Condition`] row.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ConditionInfo {
    snomed: Option<SnomedCode>,
}

impl Condition {
    /// A verified SNOMED CT concept for the condition, where one was verified (`standards.md` §3.1).
    #[must_use]
    pub const fn snomed(self) -> Option<SnomedCode> {
        self.info().snomed
    }
}

vocabulary! {
    /// How likely a condition is, on a three-step ordinal scale.
    Likelihood {
        Low = "low" { label: "Low", doc: "Low" },
        Moderate = "moderate" { label: "Moderate", doc: "Moderate" },
        High = "high" { label: "High", doc: "High" },
    }
}

vocabulary! {
    /// mJOA severity class (Tetreault 2017): mild 15-17, moderate 12-14, severe 0-11.
    SeverityClass {
        Mild = "mild" { label: "Mild", doc: "Mild (mJOA 15-17)" },
        Moderate = "moderate" { label: "Moderate", doc: "Moderate (mJOA 12-14)" },
        Severe = "severe" { label: "Severe", doc: "Severe (mJOA 0-11)" },
    }
}

vocabulary! {
    /// Where the case sits on the management pathway.
    Pathway {
        Emergency = "emergency" { label: "Emergency: same-day specialist evaluation", doc: "Emergency: same-day specialist evaluation and imaging" },
        SurgicalEvaluation = "surgical_evaluation" { label: "Surgical evaluation (decompression)", doc: "Refer for surgical evaluation (decompression)" },
        Conservative = "conservative" { label: "Conservative management with monitoring", doc: "Conservative management with monitoring" },
        FurtherWorkup = "further_workup" { label: "Further work-up needed", doc: "Further work-up needed before the cervical question is settled" },
        NoCervicalConcern = "no_cervical_concern" { label: "No cervical concern on the findings given", doc: "No cervical concern on the findings given" },
    }
}

vocabulary! {
    /// A recommended action.
    Action {
        CervicalMri = "cervical_mri" { label: "Cervical spine MRI", doc: "MRI of the cervical spine (without contrast)" },
        LumbarMri = "lumbar_mri" { label: "Lumbosacral spine MRI", doc: "MRI of the lumbosacral spine" },
        CompleteNeurologicalExam = "complete_neurological_exam" { label: "Complete neurological examination", doc: "Complete neurological examination including upper motor neuron signs" },
        AnkleBrachialIndex = "ankle_brachial_index" { label: "Ankle-brachial index", doc: "Resting ankle-brachial index" },
        NerveConductionStudy = "nerve_conduction_study" { label: "Nerve conduction study and EMG", doc: "Nerve conduction study / electromyography" },
        SpineSurgeryReferral = "spine_surgery_referral" { label: "Spine surgery referral", doc: "Referral to a spine surgeon" },
        EmergencySpineEvaluation = "emergency_spine_evaluation" { label: "Emergency spine evaluation", doc: "Emergency spine evaluation (same day)" },
        PhysicalTherapy = "physical_therapy" { label: "Physical therapy", doc: "Supervised structured rehabilitation / physical therapy" },
        CervicalCollar = "cervical_collar" { label: "Cervical collar", doc: "Cervical collar" },
        ClinicalMonitoring = "clinical_monitoring" { label: "Clinical monitoring", doc: "Clinical monitoring for progression" },
        ThoracicSpineMri = "thoracic_spine_mri" { label: "Thoracic spine MRI", doc: "MRI of the thoracic spine (with and without contrast where a tumour, inflammation or vascular malformation is suspected)" },
        WholeSpineMri = "whole_spine_mri" { label: "Whole spine MRI", doc: "MRI of the whole spine (cervical, thoracic and lumbosacral)" },
        BrainMri = "brain_mri" { label: "Brain MRI", doc: "MRI of the brain" },
        NeurologyReferral = "neurology_referral" { label: "Neurology referral", doc: "Referral to a neurologist" },
        VascularSurgeryReferral = "vascular_surgery_referral" { label: "Vascular surgery referral", doc: "Referral to a vascular specialist (vascular surgery)" },
        B12AndCopperTests = "b12_and_copper_tests" { label: "Vitamin B12 and copper tests", doc: "Vitamin B12 with methylmalonic acid or homocysteine, folate, copper, caeruloplasmin, zinc and a full blood count" },
        InfectionMarkers = "infection_markers" { label: "Infection markers (ESR, CRP, blood cultures)", doc: "Infection markers: ESR, CRP and blood cultures" },
        MsccPathwayReferral = "mscc_pathway_referral" { label: "MSCC pathway referral", doc: "Referral to the metastatic spinal cord compression coordinator or acute oncology" },
    }
}

vocabulary! {
    /// How soon an action should happen.
    Urgency {
        Routine = "routine" { label: "Routine", doc: "Routine" },
        Urgent = "urgent" { label: "Urgent (days)", doc: "Urgent (days, not months)" },
        Emergency = "emergency" { label: "Emergency (same day)", doc: "Emergency (same day; hours)" },
    }
}

vocabulary! {
    /// The strength of a guideline recommendation (AO Spine/CSRS 2017: "we recommend" is strong,
    /// "we suggest" is weak).
    Strength {
        Strong = "strong" { label: "Strong", doc: "Strong recommendation (\"we recommend\")" },
        Weak = "weak" { label: "Weak", doc: "Weak recommendation (\"we suggest\")" },
    }
}

vocabulary! {
    /// The quality of the evidence behind a guideline recommendation (GRADE).
    EvidenceQuality {
        High = "high" { label: "High", doc: "High-quality evidence" },
        Moderate = "moderate" { label: "Moderate", doc: "Moderate-quality evidence" },
        Low = "low" { label: "Low", doc: "Low-quality evidence" },
        VeryLow = "very_low" { label: "Very low", doc: "Very low-quality evidence" },
    }
}

vocabulary! {
    /// A red flag: a finding pattern that needs action today.
    RedFlag {
        CaudaEquinaSuspected = "cauda_equina_suspected" { label: "Suspected cauda equina syndrome", doc: "Suspected cauda equina syndrome" },
        RapidlyProgressiveDeficit = "rapidly_progressive_deficit" { label: "Rapidly progressive neurological deficit", doc: "Rapidly progressive neurological deficit" },
        MalignantCordCompressionSuspected = "malignant_cord_compression_suspected" { label: "Suspected malignant spinal cord compression", doc: "Suspected metastatic spinal cord or cauda equina compression" },
        SpinalInfectionSuspected = "spinal_infection_suspected" { label: "Suspected spinal infection", doc: "Suspected spinal infection (epidural abscess)" },
        GuillainBarreSuspected = "guillain_barre_suspected" { label: "Suspected Guillain-Barré syndrome", doc: "Suspected Guillain-Barre syndrome" },
        AcuteLimbIschaemia = "acute_limb_ischaemia" { label: "Acute limb ischaemia", doc: "Acute limb ischaemia (emergency)" },
        LimbThreateningIschaemia = "limb_threatening_ischaemia" { label: "Chronic limb-threatening ischaemia", doc: "Chronic limb-threatening ischaemia (urgent, not emergency)" },
    }
}

vocabulary! {
    /// A warning: one of the seed's clinical pitfalls, or a caveat on the evidence.
    Warning {
        LumbarMisattributionRisk = "lumbar_misattribution_risk" { label: "Risk of putting it down to the lumbar spine", doc: "Leg symptoms may be wrongly put down to the lumbar spine" },
        IncompleteNeurologicalExam = "incomplete_neurological_exam" { label: "Incomplete upper motor neuron examination", doc: "The upper motor neuron examination is incomplete" },
        FalseLocalizingSciatica = "false_localizing_sciatica" { label: "Possible false-localising sciatica", doc: "Sciatica-like pain may be a false-localising sign of cervical cord compression" },
        TandemStenosisPossible = "tandem_stenosis_possible" { label: "Possible tandem stenosis", doc: "Lumbar and cervical stenosis may coexist (tandem stenosis)" },
        DelayedDiagnosisRisk = "delayed_diagnosis_risk" { label: "Risk of delayed diagnosis", doc: "Progressive deficit without cervical imaging" },
        CervicalImagingOverlooked = "cervical_imaging_overlooked" { label: "Cervical imaging overlooked", doc: "Bilateral progressive leg symptoms without a lumbar cause and no cervical imaging" },
        AbsentSignsDoNotExclude = "absent_signs_do_not_exclude" { label: "Absent signs do not exclude myelopathy", doc: "Absent upper motor neuron signs do not exclude myelopathy" },
        NoncompressibleAbi = "noncompressible_abi" { label: "ABI not interpretable (above 1.40)", doc: "ABI above 1.40: arteries non-compressible, ABI not interpretable" },
        NonmyelopathicCompression = "nonmyelopathic_compression" { label: "Cord compression without myelopathy", doc: "Cord compression on MRI without a myelopathic picture" },
        UmnSignsWithoutCompression = "umn_signs_without_compression" { label: "Upper motor neuron signs without cord compression", doc: "Upper motor neuron signs with no cord compression on cervical MRI" },
        MimicFeaturesPresent = "mimic_features_present" { label: "Features of a mimic present", doc: "Features of a non-compressive mimic of myelopathy: separate it before spine surgery" },
        LesionMayBeBelowNeck = "lesion_may_be_below_neck" { label: "The lesion may be below the neck", doc: "Cord signs in the legs with normal arms, or a truncal sensory level: a cervical MRI alone may miss the lesion" },
        LowerMotorNeuronPattern = "lower_motor_neuron_pattern" { label: "Lower motor neuron pattern", doc: "Areflexic or flaccid leg weakness points to roots, cauda equina or nerves, not the cord" },
        DeteriorationAfterDecompression = "deterioration_after_decompression" { label: "Worse after decompression", doc: "Worse after a spinal decompression: reconsider the mimics" },
    }
}

/// One vocabulary, flattened for code generators and bindings: its names and its `(id, label)`
/// rows in code order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VocabularyTable {
    /// The Python enum name (also the vocabulary's name), e.g. `Finding`.
    pub name: &'static str,
    /// The C enum name, e.g. `StenosisFinding`.
    pub c_name: &'static str,
    /// A one-line description.
    pub doc: &'static str,
    /// `(id, description)` of every member, in code order.
    pub rows: Vec<(&'static str, &'static str)>,
    /// The display label of every member (what a person is shown instead of the id), in the
    /// same order as `rows`.
    pub labels: Vec<&'static str>,
}

/// Every vocabulary of the contract, in a fixed order: the one list the C enums, the Python enums
/// and the docs are generated from.
///
/// ```
/// let v = stenosis_core::vocabularies();
/// assert_eq!(v[0].name, "Finding");
/// assert_eq!(v[0].rows.len(), stenosis_core::Finding::ALL.len());
/// ```
#[must_use]
pub fn vocabularies() -> Vec<VocabularyTable> {
    let table = |name, c_name, doc, (rows, labels)| VocabularyTable { name, c_name, doc, rows, labels };
    vec![
        table(
            "Finding",
            "StenosisFinding",
            "A clinical finding (SPEC.md finding ids).",
            (Finding::rows(), Finding::labels()),
        ),
        table("FindingStatus", "StenosisFindingStatus", "The status of a finding.", (Status::rows(), Status::labels())),
        table(
            "FindingGroup",
            "StenosisFindingGroup",
            "The group a finding belongs to.",
            (FindingGroup::rows(), FindingGroup::labels()),
        ),
        table("Sex", "StenosisSex", "Sex.", (Sex::rows(), Sex::labels())),
        table("Course", "StenosisCourse", "The course of the leg symptoms.", (Course::rows(), Course::labels())),
        table(
            "Condition",
            "StenosisCondition",
            "A condition on the differential.",
            (Condition::rows(), Condition::labels()),
        ),
        table(
            "Likelihood",
            "StenosisLikelihood",
            "How likely a condition is.",
            (Likelihood::rows(), Likelihood::labels()),
        ),
        table(
            "SeverityClass",
            "StenosisSeverityClass",
            "mJOA severity class.",
            (SeverityClass::rows(), SeverityClass::labels()),
        ),
        table(
            "Pathway",
            "StenosisPathway",
            "Where the case sits on the management pathway.",
            (Pathway::rows(), Pathway::labels()),
        ),
        table("Action", "StenosisAction", "A recommended action.", (Action::rows(), Action::labels())),
        table("Urgency", "StenosisUrgency", "How soon an action should happen.", (Urgency::rows(), Urgency::labels())),
        table("RedFlag", "StenosisRedFlag", "A red flag.", (RedFlag::rows(), RedFlag::labels())),
        table(
            "Warning",
            "StenosisWarning",
            "A warning (clinical pitfall or evidence caveat).",
            (Warning::rows(), Warning::labels()),
        ),
        table(
            "Strength",
            "StenosisStrength",
            "The strength of a guideline recommendation.",
            (Strength::rows(), Strength::labels()),
        ),
        table(
            "EvidenceQuality",
            "StenosisEvidenceQuality",
            "The quality of the evidence behind a guideline recommendation.",
            (EvidenceQuality::rows(), EvidenceQuality::labels()),
        ),
        table(
            "Detail",
            "StenosisDetail",
            "How much an assessment's JSON says.",
            (
                crate::Detail::ALL.iter().map(|d| (d.id(), d.doc())).collect(),
                crate::Detail::ALL.iter().map(|d| d.label()).collect(),
            ),
        ),
    ]
}

vocabulary! {
    /// What kind of input problem was found. The code (position) is stable: new kinds are added
    /// at the end.
    #[non_exhaustive]
    InputErrorKind {
        MalformedJson = "malformed_json" {
            doc: "The text is not well-formed JSON (or is empty, or has trailing characters).",
        },
        NotAnObject = "not_an_object" { doc: "Well-formed JSON, but not an object where one is required." },
        UnknownField = "unknown_field" { doc: "A field name that is not part of the Presentation." },
        UnknownFinding = "unknown_finding" { doc: "A finding id that is not part of the vocabulary." },
        DuplicateField = "duplicate_field" { doc: "The same field or finding given twice." },
        WrongType = "wrong_type" { doc: "A value of the wrong JSON type." },
        OutOfRange = "out_of_range" {
            doc: "A number outside its allowed range, or a fraction where a whole number is required.",
        },
        NotANumber = "not_a_number" { doc: "NaN or an infinite number." },
        InvalidValue = "invalid_value" { doc: "A string that is not one of the allowed values." },
        InvalidUtf8 = "invalid_utf8" { doc: "The input bytes are not valid UTF-8." },
    }
}
